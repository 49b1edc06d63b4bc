namespace Whisper.Cli.Tests;

public sealed class ServeAndKeysTests
{
    [Fact]
    public async Task Serve_MissingKeysFile_ExitsTwoAndSaysHowToCreateOne()
    {
        using var temp = new TempFolder();

        var run = await CliRun.RunAsync("serve", "--keys", temp.File("none.json"), "--store", temp.File("s.db"), "--urls", "http://127.0.0.1:0");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("whisper keys create", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeysCreate_PrintsKeyOnceAndStoresOnlyItsHash()
    {
        using var temp = new TempFolder();
        var keys = temp.File("keys.json");

        var run = await CliRun.RunAsync("keys", "create", "--id", "ops", "--role", "ingest", "--role", "viewer", "--keys", keys);

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        var key = run.Out.Trim();
        Assert.True(key.Length >= 40, "a 256-bit key");
        var file = await File.ReadAllTextAsync(keys);
        Assert.DoesNotContain(key, file, StringComparison.Ordinal);
        Assert.DoesNotContain(key, run.Error, StringComparison.Ordinal);
        var store = await Whisper.Server.Auth.ApiKeyStore.LoadAsync(keys);
        Assert.True(store.TryVerify(key, out var entry));
        Assert.Equal("ops", entry.Id);
    }

    [Theory]
    [InlineData("bad id!", "ingest", "--id")]
    [InlineData("ops", "superuser", "superuser")]
    public async Task KeysCreate_BadInput_ExitsTwoAndWritesNothing(string id, string role, string named)
    {
        using var temp = new TempFolder();
        var keys = temp.File("keys.json");

        var run = await CliRun.RunAsync("keys", "create", "--id", id, "--role", role, "--keys", keys);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains(named, run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(keys));
    }
}
