using System.Net;

using Whisper.Security.Audit;
using Whisper.Security.Audit.Allowlist;

namespace Whisper.Security.Tests.Audit;

public sealed class RegionAllowlistTests
{
    private static readonly string SampleFile = Path.Combine(RepositoryRoot.Path, "allowlists", "us.json");

    [Fact]
    public void Load_SampleFile_ReadsRegionNamesAndBlocks()
    {
        var allowlist = RegionAllowlist.Load(SampleFile);

        Assert.Equal("us", allowlist.Region);
        Assert.True(allowlist.IsAllowed("api.us.whisper.example"));
        Assert.True(allowlist.IsAllowed(IPAddress.Parse("10.1.2.3")));
        Assert.True(allowlist.IsAllowed(IPAddress.Parse("::1")));
    }

    [Theory]
    [InlineData("whisper.example", true)]
    [InlineData("WHISPER.example.", true)]
    [InlineData("us.whisper.example", false)]
    [InlineData("feed.us.whisper.example", true)]
    [InlineData("a.b.us.whisper.example", true)]
    [InlineData("evilus.whisper.example", false)]
    [InlineData("api.whisper.example", false)]
    [InlineData("whisper.example.cn", false)]
    public void IsAllowed_Host_FollowsExactAndWildcardSemantics(string host, bool allowed)
    {
        var allowlist = RegionAllowlist.Parse("""{ "region": "us", "dns": ["*.us.whisper.example", "whisper.example"] }""", "test");

        Assert.Equal(allowed, allowlist.IsAllowed(host));
    }

    [Theory]
    [InlineData("10.255.0.1", true)]
    [InlineData("11.0.0.1", false)]
    [InlineData("127.0.0.1", true)]
    [InlineData("::ffff:10.1.2.3", true)]
    [InlineData("::1", true)]
    [InlineData("::2", false)]
    [InlineData("fd00::1", false)]
    public void IsAllowed_Address_ChecksTheCidrBlocks(string address, bool allowed)
    {
        var allowlist = RegionAllowlist.Parse("""{ "region": "us", "cidrs": ["10.0.0.0/8", "127.0.0.0/8", "::1/128"] }""", "test");

        Assert.Equal(allowed, allowlist.IsAllowed(IPAddress.Parse(address)));
    }

    [Fact]
    public void Parse_BrokenFile_ReportsEveryProblemAtOnce()
    {
        const string json = """
            { "region": "US", "dns": ["10.0.0.1", "*.x.*", ""], "cidrs": ["10.0.0.1", "10.0.0.1/8", "banana/4"], "color": "red" }
            """;

        var problems = Assert.Throws<AuditInputException>(() => RegionAllowlist.Parse(json, "us.json")).Problems;

        Assert.Contains(problems, p => p.Contains("\"color\"", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("\"region\"", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("dns[0]", StringComparison.Ordinal) && p.Contains("cidrs", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("dns[1]", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("dns[2]", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("cidrs[0]", StringComparison.Ordinal) && p.Contains("/32", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("cidrs[1]", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("cidrs[2]", StringComparison.Ordinal));
        Assert.All(problems, p => Assert.StartsWith("us.json: ", p, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_OtherVersion_IsRefused()
    {
        var error = Assert.Throws<AuditInputException>(() => RegionAllowlist.Parse("""{ "version": 2, "region": "us", "dns": ["a.example"] }""", "x.json"));

        Assert.Contains("version 1", error.Message, StringComparison.Ordinal);
    }
}
