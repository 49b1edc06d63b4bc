using System.Globalization;

namespace Whisper.Security.Compliance.Probes;

/// <summary>A <c>host:port</c> destination as probes take it; an IPv6 host is bracketed: <c>[2001:db8::1]:443</c>.</summary>
internal readonly record struct Destination(string Host, int Port)
{
    public static bool TryParse(string text, out Destination destination)
    {
        destination = default;
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            return false;
        }

        var host = text[..colon];
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }
        else if (host.Contains(':', StringComparison.Ordinal))
        {
            return false; // an unbracketed IPv6 address is ambiguous with the port
        }

        destination = new Destination(host, port);
        return host.Length > 0;
    }

    /// <summary>A destination the catalog reader already validated.</summary>
    public static Destination Parse(string text) =>
        TryParse(text, out var destination) ? destination : throw new FormatException($"'{text}' is not host:port.");

    public override string ToString() => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}
