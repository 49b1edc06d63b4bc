using System.Net;

using Whisper.Security.Egress;

namespace Whisper.Security.Tests.Egress;

public sealed class EgressAllowlistTests
{
    private const string UsJson = """
        {
          "region": "us",
          "dns": ["*.us.whisper.example", "whisper.example"],
          "cidrs": ["10.0.0.0/8", "127.0.0.0/8", "::1/128"]
        }
        """;

    [Fact]
    public void Load_ValidFile_ReadsEveryField()
    {
        var path = Path.Combine(Path.GetTempPath(), $"egress-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, UsJson);
        try
        {
            var allowlist = EgressAllowlist.Load(path);
            Assert.Equal("us", allowlist.Region);
            Assert.Equal(["*.us.whisper.example", "whisper.example"], allowlist.Dns.Select(d => d.Text));
            Assert.Equal(["10.0.0.0/8", "127.0.0.0/8", "::1/128"], allowlist.Cidrs.Select(c => c.ToString()));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Load_MissingFile_NamesTheFile()
    {
        var e = Assert.Throws<EgressAllowlistException>(() => EgressAllowlist.Load("/nonexistent/us.json"));
        Assert.StartsWith("/nonexistent/us.json: cannot read the file", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "dns": [], "cidrs": [] }""", "region: required")]
    [InlineData("""{ "region": "US", "cidrs": [] }""", "region: 'US' must be")]
    [InlineData("""{ "region": 7 }""", "region: must be a string")]
    [InlineData("""{ "region": "us", "cidrs": ["10.0.0.1/8"] }""", "cidrs[0]: '10.0.0.1/8' has bits set after the prefix; did you mean '10.0.0.0/8'?")]
    [InlineData("""{ "region": "us", "cidrs": ["10.0.0.1"] }""", "cidrs[0]: '10.0.0.1' has no prefix length; write '10.0.0.1/32'")]
    [InlineData("""{ "region": "us", "cidrs": ["::1"] }""", "cidrs[0]: '::1' has no prefix length; write '::1/128'")]
    [InlineData("""{ "region": "us", "cidrs": ["10.0.0.0/33"] }""", "cidrs[0]: '10.0.0.0/33' has a prefix length outside 0-32")]
    [InlineData("""{ "region": "us", "cidrs": ["0.0.0.0/0"] }""", "cidrs[0]: '0.0.0.0/0' allows every address")]
    [InlineData("""{ "region": "us", "cidrs": ["::/0"] }""", "cidrs[0]: '::/0' allows every address")]
    [InlineData("""{ "region": "us", "cidrs": ["::ffff:10.0.0.0/104"] }""", "cidrs[0]: '::ffff:10.0.0.0/104' is IPv4-mapped")]
    [InlineData("""{ "region": "us", "cidrs": ["example.com/24"] }""", "cidrs[0]: 'example.com/24' is not a CIDR")]
    [InlineData("""{ "region": "us", "cidrs": ["10.0.0.0/8", "10.0.0.0/8"] }""", "cidrs[1]: '10.0.0.0/8' repeats cidrs[0]")]
    [InlineData("""{ "region": "us", "cidrs": [10] }""", "cidrs[0]: must be a string")]
    [InlineData("""{ "region": "us", "cidrs": "10.0.0.0/8" }""", "cidrs: must be an array of strings")]
    [InlineData("""{ "region": "us", "dns": ["*.com"] }""", "dns[0]: '*.com' is too broad")]
    [InlineData("""{ "region": "us", "dns": ["a.example", "A.example."] }""", "dns[1]: 'A.example.' repeats dns[0]")]
    [InlineData("""{ "region": "us", "cidr": ["10.0.0.0/8"] }""", "cidr: unknown field")]
    [InlineData("""{ "version": 2, "region": "us" }""", "version: 2 is not supported; this build reads version 1")]
    [InlineData("""{ "version": "1", "region": "us" }""", "version: \"1\" is not supported")]
    [InlineData("""{ "region": "us", "description": ["x"] }""", "description: must be a string")]
    [InlineData("""{ "region": "us", "region": "eu" }""", "region: appears twice")]
    [InlineData("""["us"]""", "must be a JSON object")]
    [InlineData("""{ "region": "us", """, "not valid JSON")]
    public void Parse_BadAllowlist_NamesTheField(string json, string expected)
    {
        var e = Assert.Throws<EgressAllowlistException>(() => EgressAllowlist.Parse(json, "allowlists/us.json"));
        Assert.StartsWith("allowlists/us.json: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
        Assert.Single(e.Problems); // one message per problem, not one per check that noticed it
    }

    [Fact]
    public void Parse_SeveralProblems_ReportsEveryOne()
    {
        var e = Assert.Throws<EgressAllowlistException>(() =>
            EgressAllowlist.Parse("""{ "region": "", "dns": ["*"], "cidrs": ["1.2.3.4/8", "10.0.0.0/8", "nope"] }"""));
        Assert.Equal(4, e.Problems.Count);
        Assert.Equal(["region", "dns[0]", "cidrs[0]", "cidrs[2]"], e.Problems.Select(p => p[..p.IndexOf(':', StringComparison.Ordinal)]));
    }

    [Fact]
    public void Parse_VersionAndDescription_Accepted()
    {
        var allowlist = EgressAllowlist.Parse("""
            { "version": 1, "region": "us", "description": "the US copy", "dns": ["*.svc.cluster.local"], "cidrs": [] }
            """);
        Assert.Equal("*.svc.cluster.local", Assert.Single(allowlist.Dns).Text);
    }

    [Fact]
    public void Parse_CommentsAndDollarNotes_Accepted()
    {
        var allowlist = EgressAllowlist.Parse("""
            // the US region
            { "$comment": "reviewed", "region": "us", "dns": [], "cidrs": ["10.0.0.0/8"] }
            """);
        Assert.Equal("us", allowlist.Region);
    }

    [Theory]
    [InlineData("9.255.255.255", false)]
    [InlineData("10.0.0.0", true)]
    [InlineData("10.255.255.255", true)]
    [InlineData("11.0.0.0", false)]
    [InlineData("192.168.1.0", false)]
    [InlineData("192.168.1.1", true)]
    [InlineData("192.168.1.2", false)]
    [InlineData("172.16.0.0", true)]
    [InlineData("172.31.255.255", true)]
    [InlineData("172.15.255.255", false)]
    [InlineData("172.32.0.0", false)]
    [InlineData("::ffff:10.1.2.3", true)]       // IPv4-mapped IPv6 is checked as IPv4
    [InlineData("::ffff:11.1.2.3", false)]
    [InlineData("::a01:203", false)]            // IPv4-compatible form is not IPv4
    public void FindNetwork_Ipv4Edges(string address, bool inside)
    {
        var allowlist = EgressAllowlist.Create("us", [], ["10.0.0.0/8", "192.168.1.1/32", "172.16.0.0/12"]);
        Assert.Equal(inside, allowlist.FindNetwork(IPAddress.Parse(address)) is not null);
    }

    [Theory]
    [InlineData("2001:db8::", true)]
    [InlineData("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", true)]
    [InlineData("2001:db7:ffff:ffff:ffff:ffff:ffff:ffff", false)]
    [InlineData("2001:db9::", false)]
    [InlineData("fd00:1::", true)]
    [InlineData("fd00:1:0:ffff:ffff:ffff:ffff:ffff", true)]
    [InlineData("fd00:1:1::", false)]
    [InlineData("::1", true)]
    [InlineData("::2", false)]
    [InlineData("::", false)]
    [InlineData("10.0.0.1", false)]             // an IPv4 address is never inside an IPv6 network
    public void FindNetwork_Ipv6Edges(string address, bool inside)
    {
        var allowlist = EgressAllowlist.Create("us", [], ["2001:db8::/32", "fd00:1::/48", "::1/128"]);
        Assert.Equal(inside, allowlist.FindNetwork(IPAddress.Parse(address)) is not null);
    }

    [Fact]
    public void Create_BadValues_ThrowsNamingFields()
    {
        var e = Assert.Throws<EgressAllowlistException>(() => EgressAllowlist.Create("us", ["ok.example", "*.x"], ["10.0.0.0/8", "10.0.0.0"]));
        Assert.Equal(["dns[1]", "cidrs[1]"], e.Problems.Select(p => p[..p.IndexOf(':', StringComparison.Ordinal)]));
    }
}
