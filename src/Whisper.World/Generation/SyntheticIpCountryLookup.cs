using System.Net;

using Whisper.Core.Geo;

namespace Whisper.World.Generation;

/// <summary>
/// <see cref="IIpCountryLookup"/> over the made-up per-country IPv4 blocks of <see cref="SyntheticGeography"/>, so a
/// residency policy can resolve generated sign-up IPs without a geo-IP database. IPv4-mapped IPv6 addresses
/// (<c>::ffff:23.32.1.1</c>) resolve like their IPv4 form; any other IPv6 address is unknown (the table has no v6 blocks).
/// </summary>
public sealed class SyntheticIpCountryLookup : IIpCountryLookup
{
    public static SyntheticIpCountryLookup Instance { get; } = new();

    public bool TryGetCountry(IPAddress address, out string countryCode)
    {
        ArgumentNullException.ThrowIfNull(address);
        return SyntheticGeography.TryGetCountry(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address, out countryCode);
    }
}
