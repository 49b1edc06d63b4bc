using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;

namespace Whisper.Core.Geo;

/// <summary>
/// Strict parsing of stored IP address text. <see cref="IPAddress.TryParse(string?, out IPAddress?)"/> accepts legacy
/// shorthand ("10.1" is 10.0.0.1, "123" is 0.0.0.123, leading zeros may read as octal); a stored sign-up IP in any of
/// those forms is more likely damaged than meant, so here IPv4 is exactly four decimal octets 0..255 without leading
/// zeros, and anything with a ':' must be a valid IPv6 address.
/// </summary>
public static class IpAddressText
{
    /// <summary>Longest text accepted: an IPv6 address with an embedded IPv4 tail and a zone id fits easily.</summary>
    private const int MaxLength = 64;

    public static bool TryParse(ReadOnlySpan<char> text, [NotNullWhen(true)] out IPAddress? address)
    {
        address = null;
        text = text.Trim();
        if (text.IsEmpty || text.Length > MaxLength)
        {
            return false;
        }

        if (text.Contains(':'))
        {
            return IPAddress.TryParse(text, out address) && address.AddressFamily == AddressFamily.InterNetworkV6;
        }

        Span<byte> octets = stackalloc byte[4];
        var part = 0;
        var value = 0;
        var digits = 0;
        foreach (var c in text)
        {
            if (c == '.')
            {
                if (digits == 0 || part == 3)
                {
                    return false;
                }

                octets[part++] = (byte)value;
                value = 0;
                digits = 0;
            }
            else if (c is >= '0' and <= '9')
            {
                if (digits > 0 && value == 0)
                {
                    return false; // leading zero: "010" is octal to some parsers, decimal to others
                }

                value = (value * 10) + (c - '0');
                if (++digits > 3 || value > 255)
                {
                    return false;
                }
            }
            else
            {
                return false;
            }
        }

        if (digits == 0 || part != 3)
        {
            return false;
        }

        octets[3] = (byte)value;
        address = new IPAddress(octets);
        return true;
    }
}
