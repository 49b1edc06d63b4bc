namespace Whisper.Security.Tls;

/// <summary>
/// The names a certificate may carry: lower-case DNS names (labels of a-z, 0-9 and '-', 1-63 long, not starting or
/// ending with '-'; 253 characters in all). A service name is also a file name (<c>&lt;name&gt;.crt</c>), which this
/// rule keeps safe: no '/', no '..', no upper case that would make "Feed" and "feed" two files for one DNS name.
/// </summary>
public static class ServiceNames
{
    private const int MaxNameLength = 253;
    private const int MaxLabelLength = 63;

    public static bool IsValid(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength)
        {
            return false;
        }

        foreach (var label in name.Split('.'))
        {
            if (label.Length is 0 or > MaxLabelLength || label[0] == '-' || label[^1] == '-')
            {
                return false;
            }

            foreach (var c in label)
            {
                if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>Throws <see cref="CertificateAuthorityException"/> naming <paramref name="what"/> when <paramref name="name"/> is not valid.</summary>
    internal static void Require(string? name, string what)
    {
        if (!IsValid(name))
        {
            throw new CertificateAuthorityException(
                $"{what} '{name}' is not a valid name; use a lower-case DNS name of letters, digits, '-' and '.', e.g. feed-server or feed.whisper.svc.");
        }
    }
}
