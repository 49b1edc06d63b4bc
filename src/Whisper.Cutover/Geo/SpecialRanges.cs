namespace Whisper.Cutover.Geo;

/// <summary>
/// The special-purpose blocks checked before the database (IANA IPv4/IPv6 Special-Purpose Address Registries, RFC 6890):
/// a registry's whois data sometimes lists them under a country (2001:2::/48 shows up as JP), and a private or CGNAT
/// address says nothing about where a user is, so these never resolve to a country.
/// </summary>
internal static class SpecialRanges
{
    private static readonly (uint Prefix, int Length, GeoLookupKind Kind)[] V4 =
    [
        (0x00000000, 8, GeoLookupKind.Reserved),           // 0/8 "this network"
        (0x0A000000, 8, GeoLookupKind.Private),            // 10/8
        (0x64400000, 10, GeoLookupKind.SharedAddressSpace), // 100.64/10 CGNAT
        (0x7F000000, 8, GeoLookupKind.Loopback),           // 127/8
        (0xA9FE0000, 16, GeoLookupKind.LinkLocal),         // 169.254/16
        (0xAC100000, 12, GeoLookupKind.Private),           // 172.16/12
        (0xC0000000, 24, GeoLookupKind.Reserved),          // 192.0.0/24 IETF protocol assignments
        (0xC0000200, 24, GeoLookupKind.Documentation),     // 192.0.2/24 TEST-NET-1
        (0xC0586300, 24, GeoLookupKind.Reserved),          // 192.88.99/24 6to4 relay anycast (deprecated)
        (0xC0A80000, 16, GeoLookupKind.Private),           // 192.168/16
        (0xC6120000, 15, GeoLookupKind.Reserved),          // 198.18/15 benchmarking
        (0xC6336400, 24, GeoLookupKind.Documentation),     // 198.51.100/24 TEST-NET-2
        (0xCB007100, 24, GeoLookupKind.Documentation),     // 203.0.113/24 TEST-NET-3
        (0xE0000000, 4, GeoLookupKind.Multicast),          // 224/4
        (0xF0000000, 4, GeoLookupKind.Reserved),           // 240/4 and 255.255.255.255
    ];

    private static readonly (UInt128 Prefix, int Length, GeoLookupKind Kind)[] V6 =
    [
        (new UInt128(0x20010DB800000000, 0), 32, GeoLookupKind.Documentation), // 2001:db8::/32
        (new UInt128(0x2001000000000000, 0), 23, GeoLookupKind.Reserved),      // 2001::/23 IETF protocol assignments (Teredo, benchmarking, ORCHID)
        (new UInt128(0x3FFF000000000000, 0), 20, GeoLookupKind.Documentation), // 3fff::/20 (RFC 9637)
        (new UInt128(0xFC00000000000000, 0), 7, GeoLookupKind.Private),        // fc00::/7 unique local
        (new UInt128(0xFE80000000000000, 0), 10, GeoLookupKind.LinkLocal),     // fe80::/10
        (new UInt128(0xFF00000000000000, 0), 8, GeoLookupKind.Multicast),      // ff00::/8
    ];

    /// <summary>Global unicast, 2000::/3: the only IPv6 block the registries hand out; anything else is reserved.</summary>
    private static readonly UInt128 GlobalUnicast = new(0x2000000000000000, 0);

    /// <summary>The special kind of an IPv4 address, or <see cref="GeoLookupKind.Unknown"/> when it is an ordinary one.</summary>
    public static GeoLookupKind Classify(uint address)
    {
        foreach (var (prefix, length, kind) in V4)
        {
            if ((address & (uint.MaxValue << (32 - length))) == prefix)
            {
                return kind;
            }
        }

        return GeoLookupKind.Unknown;
    }

    /// <summary>The special kind of a (non-mapped) IPv6 address, or <see cref="GeoLookupKind.Unknown"/> when it is an ordinary one.</summary>
    public static GeoLookupKind Classify(UInt128 address)
    {
        if (address == UInt128.One)
        {
            return GeoLookupKind.Loopback;
        }

        foreach (var (prefix, length, kind) in V6)
        {
            if ((address & (UInt128.MaxValue << (128 - length))) == prefix)
            {
                return kind;
            }
        }

        return (address & (UInt128.MaxValue << 125)) == GlobalUnicast ? GeoLookupKind.Unknown : GeoLookupKind.Reserved;
    }
}
