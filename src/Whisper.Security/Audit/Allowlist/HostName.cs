namespace Whisper.Security.Audit.Allowlist;

/// <summary>
/// DNS host-name syntax as the scanner and the allowlist use it: labels of letters, digits and '-' (not at either end),
/// 1-63 characters each, at most 253 in all, at least two labels, and a last label that is not all digits (that would be
/// an IPv4 literal). Underscores are accepted inside labels because service records use them (<c>_grpc._tcp</c>).
/// </summary>
public static class HostName
{
    public const int MaxLength = 253;

    public static bool IsValid(ReadOnlySpan<char> host)
    {
        if (host.Length is 0 or > MaxLength)
        {
            return false;
        }

        var labels = 0;
        var labelStart = 0;
        var allDigits = true;
        for (var i = 0; i <= host.Length; i++)
        {
            if (i == host.Length || host[i] == '.')
            {
                var length = i - labelStart;
                if (length is 0 or > 63 || host[labelStart] == '-' || host[i - 1] == '-')
                {
                    return false;
                }

                labels++;
                if (i < host.Length)
                {
                    allDigits = true;
                }

                labelStart = i + 1;
                continue;
            }

            var c = host[i];
            if (!char.IsAsciiLetterOrDigit(c) && c != '-' && c != '_')
            {
                return false;
            }

            allDigits &= char.IsAsciiDigit(c);
        }

        return labels >= 2 && !allDigits;
    }

    /// <summary>The last label (the top-level domain) of a valid host.</summary>
    public static ReadOnlySpan<char> TopLevel(ReadOnlySpan<char> host) => host[(host.LastIndexOf('.') + 1)..];

    /// <summary>The first label of a valid host.</summary>
    public static ReadOnlySpan<char> FirstLabel(ReadOnlySpan<char> host)
    {
        var dot = host.IndexOf('.');
        return dot < 0 ? host : host[..dot];
    }
}
