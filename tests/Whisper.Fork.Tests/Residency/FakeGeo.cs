using System.Net;

using Whisper.Core.Geo;

namespace Whisper.Fork.Tests.Residency;

/// <summary>A geo-IP stub: exact addresses to countries; records what it was asked.</summary>
internal sealed class FakeGeo(params (string Address, string Country)[] entries) : IIpCountryLookup
{
    private readonly Dictionary<IPAddress, string> _map = entries.ToDictionary(e => IPAddress.Parse(e.Address), e => e.Country);

    public List<IPAddress> Asked { get; } = [];

    public bool TryGetCountry(IPAddress address, out string countryCode)
    {
        Asked.Add(address);
        return _map.TryGetValue(address, out countryCode!);
    }
}
