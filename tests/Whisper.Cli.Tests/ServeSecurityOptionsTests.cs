namespace Whisper.Cli.Tests;

public sealed class ServeSecurityOptionsTests
{
    [Fact]
    public async Task Serve_AuditTrailWithoutTlog_ExitsTwoNamingTheFix()
    {
        using var temp = new TempFolder();
        var keys = await CreateKeysAsync(temp);

        var run = await CliRun.RunAsync("serve", "--keys", keys, "--store", temp.File("s.db"), "--urls", "http://127.0.0.1:0", "--no-feed",
            "--audit-trail", temp.File("trail.jsonl"));

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("--tlog", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(temp.File("trail.jsonl")));
    }

    [Fact]
    public async Task Serve_JwtKeyMissing_ExitsTwoNamingTheSetting()
    {
        using var temp = new TempFolder();
        var keys = await CreateKeysAsync(temp);

        var run = await CliRun.RunAsync("serve", "--keys", keys, "--store", temp.File("s.db"), "--urls", "http://127.0.0.1:0", "--no-feed",
            "--jwt-key", temp.File("none.pub.pem"));

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("Jwt.VerificationKeyPath", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_JwtKeyNotAKey_ExitsTwo()
    {
        using var temp = new TempFolder();
        var keys = await CreateKeysAsync(temp);
        await File.WriteAllTextAsync(temp.File("bad.pem"), "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n");

        var run = await CliRun.RunAsync("serve", "--keys", keys, "--store", temp.File("s.db"), "--urls", "http://127.0.0.1:0", "--no-feed",
            "--jwt-key", temp.File("bad.pem"));

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("unusable", run.Error, StringComparison.Ordinal);
    }

    private static async Task<string> CreateKeysAsync(TempFolder temp)
    {
        var keys = temp.File("keys.json");
        var created = await CliRun.RunAsync("keys", "create", "--id", "ops", "--role", "admin", "--keys", keys);
        Assert.Equal(ExitCodes.Ok, created.ExitCode);
        return keys;
    }
}
