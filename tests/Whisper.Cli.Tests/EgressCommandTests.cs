using Whisper.Security.Egress;

namespace Whisper.Cli.Tests;

public sealed class EgressCommandTests : IDisposable
{
    private const string UsJson = """
        { "region": "us", "dns": ["*.us.whisper.example", "whisper.example"], "cidrs": ["10.0.0.0/8", "127.0.0.0/8", "::1/128"] }
        """;

    private readonly TempFolder _temp = new();
    private readonly string _allowlist;

    public EgressCommandTests()
    {
        _allowlist = _temp.File("us.json");
        File.WriteAllText(_allowlist, UsJson);
    }

    public void Dispose() => _temp.Dispose();

    /// <summary>
    /// Through the real command line once WhisperCommandLine registers 'egress'; until then through a root holding only
    /// <see cref="EgressCommand"/>, with the same exit-code mapping (parse errors and UsageException give 2).
    /// </summary>
    [Fact]
    public async Task Policy_Allowlist_PrintsTheGeneratedNetworkPolicy()
    {
        var run = await CliRun.RunAsync("egress", "policy", "--allowlist", _allowlist, "--namespace", "whisper");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Equal(EgressNetworkPolicy.ToYaml(EgressAllowlist.Parse(UsJson), "whisper"), run.Out);
        Assert.Contains("cidr: \"::1/128\"", run.Out, StringComparison.Ordinal);
        Assert.Contains("#   dns: *.us.whisper.example", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Policy_Out_WritesTheFile()
    {
        var path = _temp.File("k8s/egress.yaml");

        var run = await CliRun.RunAsync("egress", "policy", "--allowlist", _allowlist, "--out", path);

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.Equal(EgressNetworkPolicy.ToYaml(EgressAllowlist.Parse(UsJson)), await File.ReadAllTextAsync(path));
        Assert.Contains("whisper-egress-us", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Policy_BadAllowlist_ExitsTwoWithOneLineNamingTheField()
    {
        await File.WriteAllTextAsync(_allowlist, """{ "region": "us", "cidrs": ["10.0.0.1/8"] }""");

        var run = await CliRun.RunAsync("egress", "policy", "--allowlist", _allowlist);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Equal("", run.Out);
        var line = Assert.Single(run.Error.TrimEnd().Split('\n'));
        Assert.Contains("cidrs[0]: '10.0.0.1/8' has bits set after the prefix; did you mean '10.0.0.0/8'?", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("policy", "--namespace", "Not_A_Namespace")]
    [InlineData("policy", "--allowlist", "/nonexistent/us.json")]
    [InlineData("check", "--allowlist", "/nonexistent/us.json", "10.0.0.1")]
    public async Task BadInput_ExitsTwo(params string[] args)
    {
        var run = await CliRun.RunAsync(["egress", .. args.Select(a => a), .. args.Contains("--allowlist") ? Array.Empty<string>() : ["--allowlist", _allowlist]]);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Single(run.Error.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task Policy_WithoutAllowlist_ExitsTwo() =>
        Assert.Equal(ExitCodes.BadInput, (await CliRun.RunAsync("egress", "policy")).ExitCode);

    [Theory]
    [InlineData("10.1.2.3", "allowed: 10.1.2.3:443 (address-allowed)")]
    [InlineData("https://10.1.2.3:8443/v1/feed?user=1", "allowed: 10.1.2.3:8443 (address-allowed)")]
    [InlineData("[::1]:80", "allowed: [::1]:80 (address-allowed)")]
    [InlineData("::1", "allowed: [::1]:443 (address-allowed)")]
    [InlineData("api.us.whisper.example", "allowed: api.us.whisper.example:443 (name-allowed)")]
    [InlineData("https://WHISPER.example./", "allowed: whisper.example:443 (name-allowed)")]
    public async Task Check_Allowed_ExitsZero(string destination, string expected)
    {
        var run = await CliRun.RunAsync("egress", "check", "--allowlist", _allowlist, "--no-resolve", destination);

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.StartsWith(expected, run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("8.8.8.8", "denied: 8.8.8.8:443 (address-not-allowed)")]
    [InlineData("[2001:db8::1]:443", "denied: [2001:db8::1]:443 (address-not-allowed)")]
    [InlineData("evil-whisper.example", "denied: evil-whisper.example:443 (not-resolved)")]
    [InlineData("http://whisper.example.evil.com/", "denied: whisper.example.evil.com:80 (not-resolved)")]
    [InlineData("us.whisper.example:443", "denied: us.whisper.example:443 (not-resolved)")]
    public async Task Check_Denied_ExitsOne(string destination, string expected)
    {
        var run = await CliRun.RunAsync("egress", "check", "--allowlist", _allowlist, "--no-resolve", destination);

        Assert.Equal(ExitCodes.Failed, run.ExitCode);
        Assert.StartsWith(expected, run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_NameResolvingInsideCidrs_AllowedByItsAddresses()
    {
        // localhost comes from /etc/hosts (127.0.0.1 and perhaps ::1), both inside the allowlist's CIDRs.
        var run = await CliRun.RunAsync("egress", "check", "--allowlist", _allowlist, "localhost:8080");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.StartsWith("allowed: localhost:8080 (resolved-allowed)", run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("bad host")]
    [InlineData("host:99999")]
    [InlineData("host/path")]
    [InlineData("user@host")]
    [InlineData("http://")]
    public async Task Check_NotADestination_ExitsTwo(string destination)
    {
        var run = await CliRun.RunAsync("egress", "check", "--allowlist", _allowlist, "--no-resolve", destination);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public async Task Help_ListsBothVerbs()
    {
        var run = await CliRun.RunAsync("egress", "--help");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Contains("policy", run.Out, StringComparison.Ordinal);
        Assert.Contains("check", run.Out, StringComparison.Ordinal);
    }
}
