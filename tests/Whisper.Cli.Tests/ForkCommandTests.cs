using Whisper.Storage;

namespace Whisper.Cli.Tests;

public sealed class ForkCommandTests
{
    [Fact]
    public async Task ExportImportVerify_ThroughTheVerbs_ExitZero_AndADriftedForkExitsOne()
    {
        using var temp = new TempFolder();
        var source = temp.File("s.db");
        Assert.Equal(ExitCodes.Ok, (await CliRun.RunAsync("world", "generate", "--store", source, "--users", "300", "--videos", "300", "--days", "2", "--ground-truth", temp.File("t.wgt"))).ExitCode);
        Assert.Equal(ExitCodes.Ok, (await CliRun.RunAsync("fork", "keys", "create", "--keys", temp.File("k"))).ExitCode);
        var policy = Path.Combine(AppContext.BaseDirectory, "policies", "us-residency.json");

        var export = await CliRun.RunAsync("fork", "export", "--source", source, "--repo", temp.File("r"), "--keys", temp.File("k"), "--policy", policy, "--tlog", temp.File("tlog"));
        Assert.True(export.ExitCode == ExitCodes.Ok, export.Error);
        Assert.Contains("merkle root", export.Out, StringComparison.Ordinal);

        // The manifest is on the transparency log: entry 0 holds the SHA-256 of the exact manifest bytes.
        Assert.Contains("transparency log: entry 0, tree size 1", export.Out, StringComparison.Ordinal);
        using (var log = Whisper.Security.Transparency.TransparencyLog.Open(temp.File("tlog")))
        {
            var entry = log.ReadEntry(0);
            Assert.Equal(Whisper.Security.Transparency.LogEntryKind.MigrationManifest, entry.Kind);
            var manifestHash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(temp.File("r"), "manifest.json"))));
            Assert.Equal(manifestHash, entry.Sha256, ignoreCase: true);
        }

        Assert.Equal(ExitCodes.Ok, (await CliRun.RunAsync("fork", "import", "--target", temp.File("us.db"), "--repo", temp.File("r"), "--keys", temp.File("k"))).ExitCode);

        string[] verify = ["fork", "verify", "--repo", temp.File("r"), "--keys", temp.File("k"), "--policy", policy, "--source", source, "--target", temp.File("us.db")];
        var ok = await CliRun.RunAsync(verify);
        Assert.True(ok.ExitCode == ExitCodes.Ok, ok.Out + ok.Error);
        Assert.Contains("verify: OK", ok.Out, StringComparison.Ordinal);

        await using (var fork = await WhisperStores.OpenAsync(new StoreOptions(StoreProvider.Sqlite, temp.File("us.db"))))
        {
            var user = (await fork.Catalog.ListUsersAsync(0, 1))[0];
            await fork.Catalog.UpsertUsersAsync([user with { Handle = "drifted" }]);
        }

        var drifted = await CliRun.RunAsync(verify);
        Assert.Equal(ExitCodes.Failed, drifted.ExitCode);
        Assert.Contains("changed", drifted.Out, StringComparison.Ordinal);
        Assert.Contains("verify: FAILED", drifted.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fork", "export", "--source", "missing.db", "--repo", "r", "--keys", "no-such-keys")]
    [InlineData("fork", "verify", "--repo", "r", "--keys", "no-such-keys", "--sample", "0")]
    [InlineData("fork", "verify", "--repo", "r", "--keys", "no-such-keys", "--source", "s.db")]
    [InlineData("fork", "sync", "--source", "s.db", "--target", "t.db", "--repo", "r", "--follow", "--freeze")]
    [InlineData("fork", "export", "--source", "s.db", "--repo", "r", "--chunk-kib", "1")]
    public async Task BadArguments_ExitTwoWithOneLine(params string[] args)
    {
        var run = await CliRun.RunAsync(args);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Single(run.Error.Trim().Split('\n'));
        Assert.StartsWith("whisper: ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeysCreate_IntoAFolderThatHoldsKeys_IsRefused()
    {
        using var temp = new TempFolder();
        Assert.Equal(ExitCodes.Ok, (await CliRun.RunAsync("fork", "keys", "create", "--keys", temp.File("k"))).ExitCode);

        var again = await CliRun.RunAsync("fork", "keys", "create", "--keys", temp.File("k"));
        var rotate = await CliRun.RunAsync("fork", "keys", "rotate", "--keys", temp.File("k"));

        Assert.Equal(ExitCodes.BadInput, again.ExitCode);
        Assert.Equal(ExitCodes.Ok, rotate.ExitCode);
        Assert.Contains("is now current", rotate.Out, StringComparison.Ordinal);
    }
}
