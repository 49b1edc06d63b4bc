namespace Whisper.Cutover.Geo;

/// <summary>
/// ISO 3166-1 alpha-2 codes packed into a <see cref="ushort"/> ('U' &lt;&lt; 8 | 'S'), so the range table stores two bytes
/// per row instead of a string reference, and a lookup returns a cached string without allocating.
/// </summary>
public static class CountryCodes
{
    private static readonly string[] Names = BuildNames();

    /// <summary>Packs two ASCII upper-case letters; false for anything else.</summary>
    public static bool TryPack(ReadOnlySpan<char> code, out ushort packed)
    {
        packed = 0;
        if (code.Length != 2 || !char.IsAsciiLetterUpper(code[0]) || !char.IsAsciiLetterUpper(code[1]))
        {
            return false;
        }

        packed = (ushort)((code[0] << 8) | code[1]);
        return true;
    }

    /// <summary>The code's text; the same string instance every time.</summary>
    public static string Unpack(ushort packed)
    {
        var first = (packed >> 8) - 'A';
        var second = (packed & 0xFF) - 'A';
        return (uint)first < 26 && (uint)second < 26
            ? Names[(first * 26) + second]
            : throw new ArgumentOutOfRangeException(nameof(packed), packed, "Not a packed ISO 3166-1 alpha-2 code.");
    }

    private static string[] BuildNames()
    {
        var names = new string[26 * 26];
        for (var i = 0; i < 26; i++)
        {
            for (var j = 0; j < 26; j++)
            {
                names[(i * 26) + j] = string.Create(2, (i, j), static (span, ij) =>
                {
                    span[0] = (char)('A' + ij.i);
                    span[1] = (char)('A' + ij.j);
                });
            }
        }

        return names;
    }
}
