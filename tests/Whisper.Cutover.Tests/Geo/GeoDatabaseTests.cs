using System.Net;

using Whisper.Cutover.Geo;

namespace Whisper.Cutover.Tests.Geo;

public class GeoDatabaseTests
{
    private static readonly GeoDatabase Db = GeoTestData.Load();

    [Theory]
    [InlineData("1.0.0.0", "AU")] // first address of a range
    [InlineData("1.0.0.255", "AU")] // last address of a range
    [InlineData("1.0.1.0", "CN")] // one past: the next range
    [InlineData("1.0.3.255", "CN")]
    [InlineData("8.8.8.8", "US")]
    [InlineData("81.0.0.255", "FR")]
    public void Lookup_IPv4InRange_ReturnsCountry(string address, string country)
    {
        var result = Db.Lookup(IPAddress.Parse(address));

        Assert.Equal(GeoLookupKind.Country, result.Kind);
        Assert.Equal(country, result.Country);
    }

    [Theory]
    [InlineData("1.0.4.0")] // one past the last address of 1.0.1.0-1.0.3.255, before the next range
    [InlineData("0.255.255.255")] // below every range (and in 0/8: reserved wins)
    [InlineData("8.8.9.0")]
    [InlineData("81.0.1.0")]
    [InlineData("223.255.255.255")] // past the last range
    public void Lookup_IPv4OutsideEveryRange_HasNoCountry(string address)
    {
        var result = Db.Lookup(IPAddress.Parse(address));

        Assert.False(result.IsCountry);
        Assert.Null(result.Country);
    }

    [Fact]
    public void Lookup_UnallocatedIPv4_IsUnknownNotReserved() =>
        Assert.Equal(GeoLookupKind.Unknown, Db.Lookup(IPAddress.Parse("8.8.9.0")).Kind);

    [Theory]
    [InlineData("9.0.0.0", "US")]
    [InlineData("9.1.0.0", "CA")] // nested range: most specific wins
    [InlineData("9.1.0.15", "CA")]
    [InlineData("9.1.0.16", "MX")] // nested twice
    [InlineData("9.1.0.31", "MX")]
    [InlineData("9.1.0.32", "CA")] // back in the middle range after the inner one ends
    [InlineData("9.1.1.0", "US")] // back in the outer range
    [InlineData("9.255.255.255", "US")]
    public void Lookup_NestedRanges_MostSpecificWins(string address, string country) =>
        Assert.Equal(country, Db.Lookup(IPAddress.Parse(address)).Country);

    [Theory]
    [InlineData("2001:4860::", "US")]
    [InlineData("2001:4860:4860::8888", "US")]
    [InlineData("2001:4860:ffff:ffff:ffff:ffff:ffff:ffff", "US")]
    [InlineData("2a00:1450:4001::1", "IE")]
    public void Lookup_IPv6InRange_ReturnsCountry(string address, string country) =>
        Assert.Equal(country, Db.Lookup(IPAddress.Parse(address)).Country);

    [Theory]
    [InlineData("2001:4861::")] // one past the range
    [InlineData("2001:485f:ffff:ffff:ffff:ffff:ffff:ffff")] // one before it
    public void Lookup_IPv6OutsideRanges_IsUnknown(string address) =>
        Assert.Equal(GeoLookupKind.Unknown, Db.Lookup(IPAddress.Parse(address)).Kind);

    [Theory]
    [InlineData("::ffff:1.0.0.1", "AU")]
    [InlineData("::ffff:8.8.8.8", "US")]
    public void Lookup_IPv4MappedIPv6_IsLookedUpAsIPv4(string address, string country) =>
        Assert.Equal(country, Db.Lookup(IPAddress.Parse(address)).Country);

    [Theory]
    [InlineData("10.1.2.3", GeoLookupKind.Private)]
    [InlineData("172.16.0.1", GeoLookupKind.Private)]
    [InlineData("172.31.255.255", GeoLookupKind.Private)]
    [InlineData("192.168.1.1", GeoLookupKind.Private)]
    [InlineData("fd12:3456::1", GeoLookupKind.Private)]
    [InlineData("127.0.0.1", GeoLookupKind.Loopback)]
    [InlineData("::1", GeoLookupKind.Loopback)]
    [InlineData("::ffff:127.0.0.1", GeoLookupKind.Loopback)]
    [InlineData("169.254.10.1", GeoLookupKind.LinkLocal)]
    [InlineData("fe80::1", GeoLookupKind.LinkLocal)]
    [InlineData("100.64.0.1", GeoLookupKind.SharedAddressSpace)]
    [InlineData("100.127.255.255", GeoLookupKind.SharedAddressSpace)]
    [InlineData("192.0.2.1", GeoLookupKind.Documentation)]
    [InlineData("203.0.113.9", GeoLookupKind.Documentation)]
    [InlineData("2001:db8::1", GeoLookupKind.Documentation)]
    [InlineData("224.0.0.1", GeoLookupKind.Multicast)]
    [InlineData("ff02::1", GeoLookupKind.Multicast)]
    [InlineData("0.0.0.0", GeoLookupKind.Reserved)]
    [InlineData("255.255.255.255", GeoLookupKind.Reserved)]
    [InlineData("240.0.0.1", GeoLookupKind.Reserved)]
    [InlineData("198.18.0.1", GeoLookupKind.Reserved)]
    [InlineData("::", GeoLookupKind.Reserved)]
    [InlineData("4000::1", GeoLookupKind.Reserved)] // outside global unicast 2000::/3
    public void Lookup_SpecialPurposeAddress_HasItsKindAndNoCountry(string address, GeoLookupKind kind)
    {
        var result = Db.Lookup(IPAddress.Parse(address));

        Assert.Equal(kind, result.Kind);
        Assert.Null(result.Country);
    }

    [Theory]
    [InlineData("172.15.255.255")]
    [InlineData("172.32.0.0")]
    [InlineData("100.63.255.255")]
    [InlineData("100.128.0.0")]
    public void Lookup_JustOutsideAPrivateBlock_IsNotPrivate(string address) =>
        Assert.Equal(GeoLookupKind.Unknown, Db.Lookup(IPAddress.Parse(address)).Kind);

    [Fact]
    public void Lookup_ManyAddresses_AllocatesNothing()
    {
        var v4 = IPAddress.Parse("9.1.0.20");
        var v6 = IPAddress.Parse("2001:4860::1");
        var mapped = IPAddress.Parse("::ffff:1.0.0.1");
        Db.Lookup(v4);
        Db.Lookup(v6);
        _ = Db.Lookup(mapped).Country;

        var before = GC.GetAllocatedBytesForCurrentThread();
        var found = 0;
        for (var i = 0; i < 1000; i++)
        {
            found += Db.Lookup(v4).Country is not null ? 1 : 0;
            found += Db.Lookup(v6).Country is not null ? 1 : 0;
            found += Db.Lookup(mapped).Country is not null ? 1 : 0;
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(3000, found);
    }

    [Fact]
    public void LoadDirectory_ShippedData_LoadsAndAnswersKnownAddresses()
    {
        var db = GeoDatabase.LoadDirectory(GeoDatabase.DefaultDirectory);

        Assert.True(db.IPv4.Count > 100_000, $"only {db.IPv4.Count} IPv4 ranges");
        Assert.True(db.IPv6.Count > 50_000, $"only {db.IPv6.Count} IPv6 ranges");
        Assert.Equal("AU", db.Lookup(IPAddress.Parse("1.0.0.1")).Country); // first row of the file
        Assert.Equal("CN", db.Lookup(IPAddress.Parse("1.0.1.0")).Country); // second row
        Assert.Equal(GeoLookupKind.Private, db.Lookup(IPAddress.Parse("10.0.0.1")).Kind);
    }
}
