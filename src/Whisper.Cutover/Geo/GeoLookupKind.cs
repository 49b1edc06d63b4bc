namespace Whisper.Cutover.Geo;

/// <summary>
/// What a geo lookup found. Only <see cref="Country"/> carries a country; every special-purpose range (RFC 6890 and the
/// IANA special-purpose registries) has its own kind so the gateway never guesses a country for internal traffic.
/// </summary>
public enum GeoLookupKind : byte
{
    /// <summary>No range of the database holds the address (unallocated, or simply not in the data).</summary>
    Unknown = 0,

    /// <summary>The address lies in a registered range; <see cref="GeoLookupResult.Country"/> says whose.</summary>
    Country = 1,

    /// <summary>RFC 1918 (10/8, 172.16/12, 192.168/16) and IPv6 unique local addresses (fc00::/7).</summary>
    Private = 2,

    /// <summary>127/8 and ::1.</summary>
    Loopback = 3,

    /// <summary>169.254/16 and fe80::/10.</summary>
    LinkLocal = 4,

    /// <summary>100.64/10, the carrier-grade NAT shared address space (RFC 6598).</summary>
    SharedAddressSpace = 5,

    /// <summary>192.0.2/24, 198.51.100/24, 203.0.113/24, 2001:db8::/32 and 3fff::/20.</summary>
    Documentation = 6,

    /// <summary>224/4 and ff00::/8.</summary>
    Multicast = 7,

    /// <summary>Any other special-purpose or unallocated block: 0/8, 240/4 (with broadcast), 192.0.0/24, 198.18/15, IPv6 outside 2000::/3, 2001::/23.</summary>
    Reserved = 8,
}
