using System.Net;

using Whisper.Core.Geo;
using Whisper.World.Generation;

namespace Whisper.Fork.Tests.Residency;

public sealed class IpAddressTextTests
{
    [Theory]
    [InlineData("23.32.1.1", "23.32.1.1")]
    [InlineData(" 0.0.0.0 ", "0.0.0.0")]
    [InlineData("255.255.255.255", "255.255.255.255")]
    [InlineData("2001:db8::1", "2001:db8::1")]
    [InlineData("::ffff:23.32.1.1", "::ffff:23.32.1.1")]
    public void TryParse_WellFormed_Parses(string text, string expected)
    {
        Assert.True(IpAddressText.TryParse(text, out var address));
        Assert.Equal(IPAddress.Parse(expected), address);
    }

    [Theory]
    [InlineData("")]
    [InlineData("123")]
    [InlineData("10.1")]
    [InlineData("10.1.1")]
    [InlineData("1.2.3.4.5")]
    [InlineData("01.2.3.4")]
    [InlineData("1.2.3.256")]
    [InlineData("1..3.4")]
    [InlineData("1.2.3.")]
    [InlineData("0x1.2.3.4")]
    [InlineData("2001:db8:::1")]
    [InlineData("example.com")]
    public void TryParse_Malformed_Refuses(string text)
    {
        Assert.False(IpAddressText.TryParse(text, out var address));
        Assert.Null(address);
    }

    [Fact]
    public void SyntheticLookup_GeneratedBlocksAndMappedIpv6_ResolveUnknownDoesNot()
    {
        var geo = SyntheticIpCountryLookup.Instance;

        Assert.True(geo.TryGetCountry(IPAddress.Parse("46.80.7.7"), out var de));
        Assert.Equal("DE", de);
        Assert.True(geo.TryGetCountry(IPAddress.Parse("::ffff:63.81.0.1"), out var us));
        Assert.Equal("US", us);
        Assert.False(geo.TryGetCountry(IPAddress.Parse("10.0.0.1"), out _));
        Assert.False(geo.TryGetCountry(IPAddress.Parse("2001:db8::1"), out _));
    }
}
