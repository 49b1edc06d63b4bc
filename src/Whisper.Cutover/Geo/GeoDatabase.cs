using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Whisper.Cutover.Geo;

/// <summary>
/// One immutable, loaded geo-IP database: an IPv4 and an IPv6 <see cref="RangeTable{T}"/>. Special-purpose addresses
/// are classified before the tables are searched; IPv4-mapped IPv6 (<c>::ffff:a.b.c.d</c>) is looked up as IPv4.
/// <see cref="GeoIpService"/> swaps whole instances on reload, so a lookup never sees half of two databases.
/// </summary>
public sealed class GeoDatabase
{
    public const string DefaultIPv4File = "geo-whois-asn-country-ipv4.csv.gz";
    public const string DefaultIPv6File = "geo-whois-asn-country-ipv6.csv.gz";

    public GeoDatabase(RangeTable<uint> ipv4, RangeTable<UInt128> ipv6, string source, DateTimeOffset loadedAt)
    {
        IPv4 = ipv4;
        IPv6 = ipv6;
        Source = source;
        LoadedAt = loadedAt;
    }

    public static GeoDatabase Empty { get; } = new(new RangeTable<uint>([], [], []), new RangeTable<UInt128>([], [], []), "(empty)", DateTimeOffset.UnixEpoch);

    public RangeTable<uint> IPv4 { get; }

    public RangeTable<UInt128> IPv6 { get; }

    /// <summary>Where the data came from (the two file names), for status pages and logs.</summary>
    public string Source { get; }

    public DateTimeOffset LoadedAt { get; }

    /// <summary>The default folder: <c>geoip/</c> beside the binary, where the build copies the shipped files.</summary>
    public static string DefaultDirectory => Path.Combine(AppContext.BaseDirectory, "geoip");

    /// <summary>Loads both files of <paramref name="directory"/>; throws <see cref="GeoDataFormatException"/> naming file and line of the first bad row.</summary>
    public static GeoDatabase LoadDirectory(string directory, TimeProvider? time = null) =>
        Load(Path.Combine(directory, DefaultIPv4File), Path.Combine(directory, DefaultIPv6File), time);

    public static GeoDatabase Load(string ipv4Path, string ipv6Path, TimeProvider? time = null)
    {
        var v4 = GeoCsvReader.ReadFile(ipv4Path, GeoCsvReader.ReadIPv4);
        var v6 = GeoCsvReader.ReadFile(ipv6Path, GeoCsvReader.ReadIPv6);
        return new GeoDatabase(v4, v6, $"{Path.GetFileName(ipv4Path)} + {Path.GetFileName(ipv6Path)}", (time ?? TimeProvider.System).GetUtcNow());
    }

    /// <summary>Loads from streams; <paramref name="ipv4Name"/> and <paramref name="ipv6Name"/> appear in errors (a <c>.gz</c> name means gzip).</summary>
    public static GeoDatabase Load(Stream ipv4, string ipv4Name, Stream ipv6, string ipv6Name, TimeProvider? time = null) =>
        new(GeoCsvReader.ReadIPv4(ipv4, ipv4Name), GeoCsvReader.ReadIPv6(ipv6, ipv6Name), $"{ipv4Name} + {ipv6Name}", (time ?? TimeProvider.System).GetUtcNow());

    /// <summary>Looks <paramref name="address"/> up without allocating.</summary>
    public GeoLookupResult Lookup(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        Span<byte> bytes = stackalloc byte[16];
        if (!address.TryWriteBytes(bytes, out var written))
        {
            return GeoLookupResult.Unknown;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return LookupIPv4(BinaryPrimitives.ReadUInt32BigEndian(bytes));
        }

        return written == 16 ? LookupIPv6(BinaryPrimitives.ReadUInt128BigEndian(bytes)) : GeoLookupResult.Unknown;
    }

    public GeoLookupResult LookupIPv4(uint address)
    {
        var special = SpecialRanges.Classify(address);
        if (special != GeoLookupKind.Unknown)
        {
            return new GeoLookupResult(special, 0);
        }

        return IPv4.TryFind(address, out var country) ? new GeoLookupResult(GeoLookupKind.Country, country) : GeoLookupResult.Unknown;
    }

    public GeoLookupResult LookupIPv6(UInt128 address)
    {
        if (address >> 32 == 0xFFFF)
        {
            return LookupIPv4((uint)address); // ::ffff:a.b.c.d, what a dual-stack socket reports for an IPv4 peer
        }

        var special = SpecialRanges.Classify(address);
        if (special != GeoLookupKind.Unknown)
        {
            return new GeoLookupResult(special, 0);
        }

        return IPv6.TryFind(address, out var country) ? new GeoLookupResult(GeoLookupKind.Country, country) : GeoLookupResult.Unknown;
    }
}
