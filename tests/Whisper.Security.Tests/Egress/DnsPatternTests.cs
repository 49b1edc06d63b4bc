using Whisper.Security.Egress;

namespace Whisper.Security.Tests.Egress;

public sealed class DnsPatternTests
{
    private static readonly EgressAllowlist Allowlist = EgressAllowlist.Create("us", ["*.us.whisper.example", "whisper.example"], []);

    [Theory]
    [InlineData("whisper.example", "whisper.example")]
    [InlineData("WHISPER.Example", "whisper.example")]
    [InlineData("whisper.example.", "whisper.example")]
    [InlineData("api.us.whisper.example", "*.us.whisper.example")]
    [InlineData("a.b.us.whisper.example", "*.us.whisper.example")]
    [InlineData("API.US.whisper.example.", "*.us.whisper.example")]
    public void FindName_ListedName_ReturnsTheEntry(string host, string entry) =>
        Assert.Equal(entry, Allowlist.FindName(host)?.Text);

    [Theory]
    [InlineData("evil-whisper.example")]         // look-alike: shares a suffix, not a label
    [InlineData("whisper.example.evil.com")]     // look-alike: the allowed name as a prefix
    [InlineData("whisperxexample")]
    [InlineData("xwhisper.example")]
    [InlineData("www.whisper.example")]          // below an exact entry is not the entry
    [InlineData("us.whisper.example")]           // a wildcard does not cover its apex
    [InlineData("evilus.whisper.example")]
    [InlineData("api-us.whisper.example")]
    [InlineData("api.us.whisper.example.evil.com")]
    [InlineData("api.us.whisper.examplE.x")]
    [InlineData("eu.whisper.example")]
    [InlineData("whisper.example..")]
    [InlineData("10.0.0.1")]
    [InlineData("")]
    public void FindName_UnlistedOrLookAlike_ReturnsNull(string host) =>
        Assert.Null(Allowlist.FindName(host));

    [Theory]
    [InlineData("*.com", "too broad")]
    [InlineData("*", "'*'")]
    [InlineData("*.", "not a valid DNS name")]
    [InlineData("api*.whisper.example", "'*'")]
    [InlineData("a.*.whisper.example", "'*'")]
    [InlineData("10.1.2.3", "put addresses in cidrs")]
    [InlineData("10.0.0.0/8", "put addresses in cidrs")]
    [InlineData("bad host.example", "not a valid DNS name")]
    [InlineData("ünïcode.example", "punycode")]
    [InlineData("a..example", "not a valid DNS name")]
    [InlineData("", "not a valid DNS name")]
    public void TryParse_BadEntry_RefusedWithReason(string text, string reason)
    {
        Assert.False(DnsPattern.TryParse(text, out var pattern, out var error));
        Assert.Null(pattern);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_LabelOf64Characters_Refused() =>
        Assert.False(DnsPattern.TryParse(new string('a', 64) + ".example", out _, out _));

    [Fact]
    public void TryParse_MixedCaseAndTrailingDot_Normalised()
    {
        Assert.True(DnsPattern.TryParse("*.US.Whisper.Example.", out var pattern, out _));
        Assert.Equal("*.us.whisper.example", pattern.Text);
        Assert.True(pattern.IsWildcard);
        Assert.Equal("us.whisper.example", pattern.Name);
    }
}
