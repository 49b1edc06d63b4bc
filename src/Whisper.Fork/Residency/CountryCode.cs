namespace Whisper.Fork.Residency;

/// <summary>
/// ISO 3166-1 alpha-2 codes packed into a ushort: (letter1 − 'A' + 1) · 27 + (letter2 − 'A' + 1), so 28..728, with 0
/// meaning unknown. Residency works on these codes: a 729-entry bool table answers "in region?" without hashing, and
/// an order's billing country packs with its user id into one long (8 bytes per order).
/// </summary>
internal static class CountryCode
{
    public const ushort Unknown = 0;

    /// <summary>Exclusive upper bound of a packed code (size of lookup tables).</summary>
    public const int TableSize = 27 * 27;

    private static readonly string[] Names = BuildNames();

    /// <summary>
    /// The packed code of two ASCII letters (either case, surrounding spaces ignored), or <see cref="Unknown"/> for
    /// anything else and for "XX" / "ZZ", the user-assigned codes systems write for "unknown country".
    /// </summary>
    public static ushort Pack(ReadOnlySpan<char> text)
    {
        text = text.Trim();
        if (text.Length != 2 || !char.IsAsciiLetter(text[0]) || !char.IsAsciiLetter(text[1]))
        {
            return Unknown;
        }

        var a = char.ToUpperInvariant(text[0]);
        var b = char.ToUpperInvariant(text[1]);
        if (a == b && a is 'X' or 'Z')
        {
            return Unknown;
        }

        return (ushort)(((a - 'A' + 1) * 27) + (b - 'A' + 1));
    }

    /// <summary>The upper-case code, or <see cref="SignalEvidence.UnknownCountry"/> for <see cref="Unknown"/>. No allocation.</summary>
    public static string Name(ushort code) => Names[code];

    private static string[] BuildNames()
    {
        var names = new string[TableSize];
        Array.Fill(names, SignalEvidence.UnknownCountry);
        for (var a = 'A'; a <= 'Z'; a++)
        {
            for (var b = 'A'; b <= 'Z'; b++)
            {
                names[((a - 'A' + 1) * 27) + (b - 'A' + 1)] = string.Concat(a.ToString(), b.ToString());
            }
        }
        return names;
    }
}
