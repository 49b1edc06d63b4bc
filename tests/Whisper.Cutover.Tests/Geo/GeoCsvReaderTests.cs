using System.Net;

using Whisper.Cutover.Geo;

namespace Whisper.Cutover.Tests.Geo;

public class GeoCsvReaderTests
{
    [Theory]
    [InlineData("1.0.0.0,1.0.0.255,AU\n0.9.0.0,0.9.0.255,AU\n", 2, "not sorted")]
    [InlineData("1.0.0.0,1.0.0.255,AU\n1.0.1.0,1.0.1.255,CN\n1.0.0.128,1.0.2.0,JP\n", 3, "not sorted")]
    [InlineData("1.0.0.0,1.0.0.255,AU\n1.0.0.256,1.0.1.0,CN\n", 2, "'1.0.0.256' is not an IPv4 address")]
    [InlineData("1.0.0.0,1.0.0.255,au\n", 1, "not an ISO 3166-1 alpha-2 code")]
    [InlineData("1.0.0.0,1.0.0.255,USA\n", 1, "not an ISO 3166-1 alpha-2 code")]
    [InlineData("1.0.0.255,1.0.0.0,AU\n", 1, "is before first address")]
    [InlineData("1.0.0.0,1.0.0.255\n", 1, "three fields")]
    [InlineData("2001:db8::,2001:db8::ff,US\n", 1, "not an IPv4 address")]
    [InlineData("", 0, "holds no ranges")]
    public void ReadIPv4_MalformedFile_RefusedWithFileAndLine(string csv, int line, string problem)
    {
        var e = Assert.Throws<GeoDataFormatException>(() => GeoTestData.Load(ipv4: csv));

        Assert.Equal("v4.csv", e.File);
        Assert.Equal(line, e.Line);
        Assert.StartsWith($"v4.csv:{line}: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1.0.0.0,1.0.0.255,AU\n", "not an IPv6 address")]
    [InlineData("::ffff:1.0.0.0,::ffff:1.0.0.255,AU\n", "not an IPv6 address")]
    public void ReadIPv6_IPv4RowsInTheIPv6File_Refused(string csv, string problem)
    {
        var e = Assert.Throws<GeoDataFormatException>(() => GeoTestData.Load(ipv6: csv));

        Assert.StartsWith("v6.csv:1: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1.0.0.0,1.0.0.255,AU\n1.0.0.0,1.0.0.255,CN\n", "CN", "CN")] // exact repeat (the shipped data has two): the later row wins
    [InlineData("1.0.0.0,1.0.0.127,AU\n1.0.0.0,1.0.0.255,CN\n", "AU", "CN")] // same start, later row wider: the narrower still wins
    [InlineData("1.0.0.0,1.0.0.255,CN\n1.0.0.0,1.0.0.127,AU\n", "AU", "CN")] // the usual order
    public void Read_RowsSharingAFirstAddress_NarrowestWins(string csv, string low, string high)
    {
        var db = GeoTestData.Load(ipv4: csv);

        Assert.Equal(low, db.Lookup(IPAddress.Parse("1.0.0.0")).Country);
        Assert.Equal(high, db.Lookup(IPAddress.Parse("1.0.0.200")).Country);
    }

    [Fact]
    public void Read_PartialOverlapOfAnEarlierRange_LaterStartWins()
    {
        // The shipped data has rows that start inside an earlier range and run past its end.
        var db = GeoTestData.Load(ipv4: "1.0.0.0,1.0.0.255,AU\n1.0.0.128,1.0.1.127,CN\n");

        Assert.Equal("AU", db.Lookup(IPAddress.Parse("1.0.0.127")).Country);
        Assert.Equal("CN", db.Lookup(IPAddress.Parse("1.0.0.128")).Country);
        Assert.Equal("CN", db.Lookup(IPAddress.Parse("1.0.1.127")).Country);
        Assert.Equal(GeoLookupKind.Unknown, db.Lookup(IPAddress.Parse("1.0.1.128")).Kind);
    }

    [Fact]
    public void Read_RangesAtTheTopOfTheAddressSpace_DoNotOverflow()
    {
        var db = GeoTestData.Load(ipv6: "2c0f:ffff::,ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff,ZA\n2c0f:ffff::1,2c0f:ffff::1,NA\n");

        Assert.Equal("ZA", db.IPv6.TryFind(UInt128.MaxValue, out var c) ? CountryCodes.Unpack(c) : null);
        Assert.Equal("NA", db.Lookup(IPAddress.Parse("2c0f:ffff::1")).Country);
        Assert.Equal("ZA", db.Lookup(IPAddress.Parse("2c0f:ffff::2")).Country);
    }

    [Fact]
    public void Build_RandomNestedRows_MatchesTheMostSpecificRuleByBruteForce()
    {
        var random = new Random(8);
        for (var round = 0; round < 50; round++)
        {
            // Rows sorted by first address (ties: narrower later), nesting and partial overlaps allowed, over a tiny space.
            var rows = new List<(uint First, uint Last, ushort Country)>();
            for (var i = 0; i < 12; i++)
            {
                var first = (uint)random.Next(0, 200);
                var last = first + (uint)random.Next(0, 40);
                rows.Add((first, last, (ushort)(('A' << 8) | ('A' + random.Next(0, 26)))));
            }

            rows = [.. rows.OrderBy(r => r.First).ThenByDescending(r => r.Last).DistinctBy(r => (r.First, r.Last))];
            var builder = new RangeTableBuilder<uint>();
            foreach (var (first, last, country) in rows)
            {
                builder.Add(first, last, country);
            }

            var table = builder.Build();
            for (uint address = 0; address < 260; address++)
            {
                var expected = rows.Where(r => r.First <= address && address <= r.Last).OrderByDescending(r => r.First).ThenBy(r => r.Last).Select(r => (ushort?)r.Country).FirstOrDefault();
                var found = table.TryFind(address, out var country) ? country : (ushort?)null;
                Assert.True(expected == found, $"round {round}, address {address}: expected {expected}, found {found}");
            }
        }
    }
}
