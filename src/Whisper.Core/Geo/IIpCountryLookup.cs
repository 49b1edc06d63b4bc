using System.Net;

namespace Whisper.Core.Geo;

/// <summary>
/// Maps an IP address to the ISO 3166-1 alpha-2 country it is registered in. The cutover gateway implements it over a
/// real geo-IP database; generated worlds use the synthetic blocks of <c>Whisper.World.Generation.SyntheticGeography</c>.
/// </summary>
public interface IIpCountryLookup
{
    /// <summary>
    /// The country of <paramref name="address"/> (upper case), or false when the address is not in the database
    /// (private, reserved or unallocated ranges, or simply unknown). Never throws for an unknown address.
    /// </summary>
    bool TryGetCountry(IPAddress address, out string countryCode);
}
