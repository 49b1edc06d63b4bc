using Whisper.Storage;

namespace Whisper.Cli.Tests;

public sealed class DemoTests
{
    private static Task<CliRun> RunDemoAsync(TempFolder temp) => CliRun.RunAsync(
        "demo", "--users", "300", "--videos", "500", "--days", "2", "--seed", "7",
        "--data-dir", temp.Path, "--urls", "http://127.0.0.1:0", "--exit-after-start");

    [Fact]
    public async Task Demo_SmallWorld_IngestsServesAndSelfChecksOverHttp()
    {
        using var temp = new TempFolder();

        var run = await RunDemoAsync(temp);

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Contains("where to look", run.Out, StringComparison.Ordinal);
        Assert.Contains("/health/ready", run.Out, StringComparison.Ordinal);
        Assert.Contains("/v1/feed?user=1", run.Out, StringComparison.Ordinal);
        Assert.Contains("For You: user 1", run.Out, StringComparison.Ordinal); // the sample page came back over HTTP
        await using var store = await WhisperStores.OpenAsync(new StoreOptions(StoreProvider.Sqlite, temp.File("whisper.db")));
        var counts = await store.Catalog.CountAsync();
        Assert.Equal(300, counts.Users);
        Assert.Equal(500, counts.Videos);
        var head = await store.Events.GetHeadAsync();
        Assert.True(head > 300, $"the world's events plus the self-check's view are in the log (head {head})");

        // The self-check's view is the last event: it went through HTTP into the same log.
        var tail = new List<Whisper.Core.Domain.LoggedEvent>();
        await store.Events.ReadAsync(head - 1, 1, tail);
        Assert.Equal(Whisper.Core.Domain.EventKind.View, Assert.Single(tail).Event.Kind);
        // ...dated at the end of the world's time: a wall-clock date months later would expire every embedding row.
        Assert.Equal(new World.Generation.WorldOptions().Start.AddDays(2), tail[0].Event.OccurredAt);

        // The fork: the residents' share moved into a separate US store and was verified row by row.
        Assert.Contains("Verify: OK", run.Out, StringComparison.Ordinal);
        await using (var fork = await WhisperStores.OpenAsync(new StoreOptions(StoreProvider.Sqlite, temp.File("fork/us.db"))))
        {
            Assert.InRange((await fork.Catalog.CountAsync()).Users, 1, 299);
        }

        // Parity: the fork was shadowed against the source and gated; the verdict the cutover gateway reads was written.
        Assert.Contains("parity: ", run.Out, StringComparison.Ordinal);
        var verdict = await File.ReadAllTextAsync(temp.File("parity/verdict.json"));
        Assert.Matches("\"outcome\"\\s*:\\s*\"(pass|fail|inconclusive)\"", verdict);
        Assert.True(File.Exists(temp.File("parity/report.html")));
        using (var report = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(temp.File("parity/report.json"))))
        {
            // The source model still holds the rows the fork's resident-only copy was cut from (nothing expired).
            var sourceRows = report.RootElement.GetProperty("sourceState").GetProperty("embeddingRows").GetInt64();
            var forkRows = report.RootElement.GetProperty("forkState").GetProperty("embeddingRows").GetInt64();
            Assert.True(sourceRows >= forkRows, $"source model {sourceRows} rows, fork {forkRows}");
        }

        Assert.Contains("/v1/parity/report", run.Out, StringComparison.Ordinal); // served by the demo's server

        // Cutover: the simulated months-long plan rolled a step back after the injected gate failures and reached sunset.
        Assert.Contains("rollback", run.Out, StringComparison.Ordinal);
        Assert.Contains("sunset", run.Out, StringComparison.Ordinal);

        // The key is never printed; it is in an owner-only file.
        var key = (await File.ReadAllTextAsync(temp.File("demo-api-key"))).Trim();
        Assert.DoesNotContain(key, run.Out, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(temp.File("demo-api-key")));
        }
    }

    [Fact]
    public async Task Demo_RunTwice_StoresTheWorldOnceAndReusesTheKey()
    {
        using var temp = new TempFolder();
        Assert.Equal(ExitCodes.Ok, (await RunDemoAsync(temp)).ExitCode);
        var firstKey = await File.ReadAllTextAsync(temp.File("demo-api-key"));
        long firstHead;
        await using (var store = await WhisperStores.OpenAsync(new StoreOptions(StoreProvider.Sqlite, temp.File("whisper.db"))))
        {
            firstHead = await store.Events.GetHeadAsync();
        }

        var second = await RunDemoAsync(temp);

        Assert.Equal(ExitCodes.Ok, second.ExitCode);
        await using var reopened = await WhisperStores.OpenAsync(new StoreOptions(StoreProvider.Sqlite, temp.File("whisper.db")));
        // The world is not stored again: only the second run's sample page (impressions) and self-check view are new.
        var added = new List<Whisper.Core.Domain.LoggedEvent>();
        await reopened.Events.ReadAsync(firstHead, 1_000, added);
        Assert.Equal(Whisper.Core.Domain.EventKind.View, added[^1].Event.Kind);
        Assert.All(added[..^1], e => Assert.Equal(Whisper.Core.Domain.EventKind.Impression, e.Event.Kind));
        Assert.InRange(added.Count, 2, 11);
        Assert.Contains("HNSW index loaded", second.Out, StringComparison.Ordinal); // resumed beside the checkpoint, not rebuilt
        Assert.Equal(firstKey, await File.ReadAllTextAsync(temp.File("demo-api-key")));
        Assert.Contains("Import: 0 chunks applied now", second.Out, StringComparison.Ordinal); // the export was complete: nothing moved twice
        Assert.Contains("Verify: OK", second.Out, StringComparison.Ordinal);
    }
}
