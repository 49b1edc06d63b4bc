using System.Net;

namespace Whisper.Security.Egress;

/// <summary>
/// The one place host strings are normalised, so the allowlist and the guard always compare the same form:
/// IPv6 brackets stripped, one trailing dot dropped, lower-case ASCII. A host that is neither an IP address nor a
/// valid DNS name is refused rather than guessed at.
/// </summary>
internal static class EgressHost
{
    private const int MaxNameLength = 253;
    private const int MaxLabelLength = 63;

    /// <summary>Splits <paramref name="host"/> into an IP literal or a normalised DNS name.</summary>
    public static bool TryParse(string host, out IPAddress? address, out string name)
    {
        address = null;
        name = "";
        if (string.IsNullOrEmpty(host))
        {
            return false;
        }

        var text = host.Length > 2 && host[0] == '[' && host[^1] == ']' ? host[1..^1] : host;
        if (IPAddress.TryParse(text, out var parsed))
        {
            address = Normalize(parsed);
            name = address.ToString();
            return true;
        }

        return TryNormalizeName(text, out name);
    }

    /// <summary>Lower-cases and validates a DNS name (labels of a-z 0-9 '-' '_', 1-63 each, 253 in all).</summary>
    public static bool TryNormalizeName(string text, out string name)
    {
        name = "";
        if (text.EndsWith('.'))
        {
            text = text[..^1];
        }

        if (text.Length is 0 or > MaxNameLength)
        {
            return false;
        }

        var label = 0;
        foreach (var c in text)
        {
            if (c == '.')
            {
                if (label == 0)
                {
                    return false;
                }

                label = 0;
                continue;
            }

            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_') || ++label > MaxLabelLength)
            {
                return false;
            }
        }

        if (label == 0)
        {
            return false;
        }

        name = text.ToLowerInvariant();
        return true;
    }

    /// <summary>IPv4-mapped IPv6 (<c>::ffff:10.0.0.1</c>) is checked, and connected to, as the IPv4 address it is.</summary>
    public static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    /// <summary>A host for logs and metric tags: bounded, and never a string the guard could not parse.</summary>
    public static string ForTelemetry(string host) =>
        TryParse(host, out _, out var name) ? name : "(invalid)";
}
