namespace Whisper.Cli.Tests;

public sealed class ServeSessionHandoffOptionsTests
{
    [Fact]
    public async Task Serve_HandoffTokenWithoutRegion_ExitsTwoNamingRegion()
    {
        using var temp = new TempFolder();
        var keys = await CreateKeysAsync(temp);
        await File.WriteAllTextAsync(temp.File("handoff.token"), Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)));

        var run = await CliRun.RunAsync("serve", "--keys", keys, "--store", temp.File("s.db"), "--urls", "http://127.0.0.1:0", "--no-feed",
            "--session-handoff-token-file", temp.File("handoff.token"));

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Single(run.Error.Trim().Split('\n'));
        Assert.Contains("--region", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_HandoffTokenTooShort_ExitsTwoNamingTheSetting()
    {
        using var temp = new TempFolder();
        var keys = await CreateKeysAsync(temp);
        await File.WriteAllTextAsync(temp.File("handoff.token"), "short\n");

        var run = await CliRun.RunAsync("serve", "--keys", keys, "--store", temp.File("s.db"), "--urls", "http://127.0.0.1:0", "--no-feed",
            "--session-handoff-token-file", temp.File("handoff.token"), "--region", "us");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("SessionHandoff.TokenPath", run.Error, StringComparison.Ordinal);
    }

    private static async Task<string> CreateKeysAsync(TempFolder temp)
    {
        var keys = temp.File("keys.json");
        var created = await CliRun.RunAsync("keys", "create", "--id", "ops", "--role", "admin", "--keys", keys);
        Assert.Equal(ExitCodes.Ok, created.ExitCode);
        return keys;
    }
}
