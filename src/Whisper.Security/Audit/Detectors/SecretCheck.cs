using Whisper.Security.Audit.Rules;

namespace Whisper.Security.Audit.Detectors;

/// <summary>
/// Whether a literal assigned to a secret-sounding name looks like a real secret rather than a placeholder, a label
/// or a reference: long enough, high Shannon entropy, mixed character classes, no whitespace, not an ignored form.
/// </summary>
internal static class SecretCheck
{
    /// <summary>Values are measured on their first 256 characters; a secret is shorter, a longer literal is a document.</summary>
    private const int MaxMeasured = 256;

    public static bool LooksSecret(ReadOnlySpan<char> value, SecretSettings settings, out double entropy)
    {
        entropy = 0;
        if (value.Length < settings.MinLength || value.Length > MaxMeasured || value.ContainsAny(" \t\r\n"))
        {
            return false;
        }

        if (CharClasses(value) < settings.MinCharClasses)
        {
            return false;
        }

        entropy = Entropy(value);
        return entropy >= settings.MinEntropy && (settings.IgnoreValues is null || !settings.IgnoreValues.IsMatch(value));
    }

    public static double Entropy(ReadOnlySpan<char> value)
    {
        Span<int> counts = stackalloc int[128];
        var other = 0;
        foreach (var c in value)
        {
            if (c < 128)
            {
                counts[c]++;
            }
            else
            {
                other++;
            }
        }

        double bits = 0;
        double n = value.Length;
        foreach (var count in counts)
        {
            if (count > 0)
            {
                var p = count / n;
                bits -= p * Math.Log2(p);
            }
        }

        if (other > 0)
        {
            var p = other / n;
            bits -= p * Math.Log2(p);
        }

        return bits;
    }

    private static int CharClasses(ReadOnlySpan<char> value)
    {
        bool lower = false, upper = false, digit = false, symbol = false;
        foreach (var c in value)
        {
            lower |= char.IsAsciiLetterLower(c);
            upper |= char.IsAsciiLetterUpper(c);
            digit |= char.IsAsciiDigit(c);
            symbol |= !char.IsAsciiLetterOrDigit(c);
        }

        return (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) + (symbol ? 1 : 0);
    }
}
