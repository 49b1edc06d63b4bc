using System.Net;

using Whisper.Cutover.Geo;

namespace Whisper.Cutover.Tests.Geo;

public class GeoIpServiceTests
{
    [Fact]
    public void Reload_BadFile_KeepsServingThePreviousDatabase()
    {
        using var dir = new TempDirectory();
        GeoTestData.WriteDirectory(dir.Path);
        using var geo = GeoIpService.Open(dir.Path);
        var before = geo.Database;

        GeoTestData.WriteDirectory(dir.Path, ipv4: "8.8.8.0,8.8.8.255,US\n1.0.0.0,1.0.0.255,AU\n");
        var reloaded = geo.Reload();

        Assert.False(reloaded);
        Assert.Same(before, geo.Database);
        Assert.StartsWith($"{GeoDatabase.DefaultIPv4File}:2: not sorted", geo.LastReloadError, StringComparison.Ordinal);
        Assert.True(geo.TryGetCountry(IPAddress.Parse("1.0.0.1"), out var country));
        Assert.Equal("AU", country);
    }

    [Fact]
    public void Reload_GoodFile_SwapsInTheNewDataAndClearsTheError()
    {
        using var dir = new TempDirectory();
        GeoTestData.WriteDirectory(dir.Path);
        using var geo = GeoIpService.Open(dir.Path);
        GeoTestData.WriteDirectory(dir.Path, ipv4: "1.0.0.0,1.0.0.255,AU\nbroken\n");
        Assert.False(geo.Reload());

        GeoTestData.WriteDirectory(dir.Path, ipv4: "1.0.0.0,1.0.0.255,NZ\n");
        var reloaded = geo.Reload();

        Assert.True(reloaded);
        Assert.Null(geo.LastReloadError);
        Assert.Equal("NZ", geo.Lookup(IPAddress.Parse("1.0.0.1")).Country);
        Assert.False(geo.TryGetCountry(IPAddress.Parse("8.8.8.8"), out _));
    }

    [Fact]
    public void Reload_InFlightReader_KeepsTheDatabaseItRead()
    {
        using var dir = new TempDirectory();
        GeoTestData.WriteDirectory(dir.Path);
        using var geo = GeoIpService.Open(dir.Path);
        var held = geo.Database; // what a lookup in flight holds

        GeoTestData.WriteDirectory(dir.Path, ipv4: "1.0.0.0,1.0.0.255,NZ\n");
        Assert.True(geo.Reload());

        Assert.Equal("AU", held.Lookup(IPAddress.Parse("1.0.0.1")).Country);
        Assert.Equal("NZ", geo.Lookup(IPAddress.Parse("1.0.0.1")).Country);
    }

    [Fact]
    public void Open_MissingFile_Throws()
    {
        using var dir = new TempDirectory();

        Assert.Throws<FileNotFoundException>(() => GeoIpService.Open(dir.Path));
    }
}
