using System.Text.Json;

using Whisper.Recommendation.Catalog;
using Whisper.Recommendation.Engine;
using Whisper.Recommendation.RankingAudit;
using Whisper.Recommendation.ResponseLog;
using Whisper.Recommendation.Training;
using Whisper.Storage;
using Whisper.World.Generation;

namespace Whisper.Cli.Tests;

public sealed class IntegrityCommandTests
{
    private static readonly DateTimeOffset ServeAt = new(2026, 1, 4, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task RankingAndResponses_CleanServedWorld_PassAndAnUnapprovedVersionFails()
    {
        using var temp = new TempFolder();
        var (checkpoint, responses) = await ServeCleanWorldAsync(temp);
        var approve = await CliRun.RunAsync("model", "approve", "--checkpoint", checkpoint, "--approver", "review", "--log", temp.File("tlog"));
        Assert.True(approve.ExitCode == ExitCodes.Ok, approve.Error);

        var ranking = await CliRun.RunAsync("integrity", "ranking", "--responses", responses, "--store", temp.File("world.db"), "--checkpoint", checkpoint, "--out", temp.File("report.json"));
        var checkedResponses = await CliRun.RunAsync("integrity", "responses", "--responses", responses, "--log", temp.File("tlog"), "--sample", "50");

        Assert.True(ranking.ExitCode == ExitCodes.Ok, ranking.Out + ranking.Error);
        Assert.Contains("no finding", ranking.Out, StringComparison.Ordinal);
        var report = JsonSerializer.Deserialize(await File.ReadAllTextAsync(temp.File("report.json")), RankingAuditJsonContext.Default.ManipulationReport)!;
        Assert.True(report.Replayed > 100);
        Assert.True(checkedResponses.ExitCode == ExitCodes.Ok, checkedResponses.Out + checkedResponses.Error);
        Assert.Contains("checked 50 of", checkedResponses.Out, StringComparison.Ordinal);

        var rogue = File.ReadAllLines(responses)[0].Replace("\"modelVersion\":\"two-tower/", "\"modelVersion\":\"two-tower/rogue-", StringComparison.Ordinal).Replace("\"requestId\":\"", "\"requestId\":\"rogue-", StringComparison.Ordinal);
        await File.AppendAllLinesAsync(responses, [rogue]);
        var flagged = await CliRun.RunAsync("integrity", "responses", "--responses", responses, "--log", temp.File("tlog"));
        Assert.Equal(ExitCodes.Failed, flagged.ExitCode);
        Assert.Contains("UNAPPROVED  two-tower/rogue-", flagged.Out, StringComparison.Ordinal);
        Assert.Contains("rogue-", flagged.Out.Split("e.g.")[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ranking_BadInputs_ExitTwoWithOneLine()
    {
        using var temp = new TempFolder();
        await File.WriteAllTextAsync(temp.File("responses.jsonl"), "");
        await File.WriteAllTextAsync(temp.File("rules.json"), """{"format":"whisper-declared-rules","formatVersion":1,"maxPerCreator":0}""");

        var noLog = await CliRun.RunAsync("integrity", "ranking", "--responses", temp.File("missing.jsonl"), "--checkpoint", temp.File("c.wck"), "--store", temp.File("s.db"));
        var badRules = await CliRun.RunAsync("integrity", "ranking", "--responses", temp.File("responses.jsonl"), "--checkpoint", temp.File("c.wck"), "--store", temp.File("s.db"), "--rules", temp.File("rules.json"));
        var badAlpha = await CliRun.RunAsync("integrity", "ranking", "--responses", temp.File("responses.jsonl"), "--checkpoint", temp.File("c.wck"), "--alpha", "2");
        var badSample = await CliRun.RunAsync("integrity", "responses", "--responses", temp.File("responses.jsonl"), "--sample", "0");

        Assert.Equal(ExitCodes.BadInput, noLog.ExitCode);
        Assert.Contains("no response log at", noLog.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.BadInput, badRules.ExitCode);
        Assert.Contains("MaxPerCreator", badRules.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.BadInput, badAlpha.ExitCode);
        Assert.Contains("--alpha", badAlpha.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.BadInput, badSample.ExitCode);
    }

    [Fact]
    public async Task Serve_RequireApprovedModels_RefusesAnUnapprovedCheckpointAndNeedsTlog()
    {
        using var temp = new TempFolder();
        var (checkpoint, _) = await ServeCleanWorldAsync(temp);
        Assert.Equal(ExitCodes.Ok, (await CliRun.RunAsync("keys", "create", "--id", "ops", "--role", "viewer", "--keys", temp.File("keys.json"))).ExitCode);
        await File.WriteAllTextAsync(temp.File("other.bin"), "another model");
        Assert.Equal(ExitCodes.Ok, (await CliRun.RunAsync("model", "approve", "--checkpoint", temp.File("other.bin"), "--version", "ranker/x", "--approver", "a", "--log", temp.File("tlog"))).ExitCode);
        string[] serve = ["serve", "--keys", temp.File("keys.json"), "--store", temp.File("world.db"), "--checkpoints", Path.GetDirectoryName(checkpoint)!, "--urls", "http://127.0.0.1:0", "--require-approved-models"];

        var noTlog = await CliRun.RunAsync(serve);
        var refused = await CliRun.RunAsync([.. serve, "--tlog", temp.File("tlog")]);

        Assert.Equal(ExitCodes.BadInput, noTlog.ExitCode);
        Assert.Contains("--require-approved-models needs --tlog", noTlog.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.BadInput, refused.ExitCode);
        Assert.Contains("is not approved", refused.Error, StringComparison.Ordinal);
    }

    /// <summary>A small world, a trained checkpoint, and two pages for each of 200 users served with a response log.</summary>
    private static async Task<(string Checkpoint, string Responses)> ServeCleanWorldAsync(TempFolder temp)
    {
        await using var store = await WhisperStores.OpenAsync(new StoreOptions(StoreProvider.Sqlite, temp.File("world.db")));
        await WorldWriter.WriteAsync(new WorldOptions { Users = 200, Videos = 400, Days = 2, Seed = 5 }, store, temp.File("truth.wgt"));
        var catalog = await CatalogView.LoadAsync(store.Catalog);
        var options = new OnlineTrainerOptions { CheckpointDirectory = temp.File("model") };
        using (await OnlineTrainer.TrainFromScratchAsync(store.Events, catalog, options))
        {
        }

        var time = new SteppingTime(ServeAt);
        var responses = temp.File("responses.jsonl");
        await using (var engine = await RecommendationEngine.CreateAsync(store, new RecommendationEngineOptions
        {
            Trainer = options,
            UseAnn = false,
            MinImpressionsForRanker = 0,
            Time = time,
            ResponseLog = new ServedResponseLogOptions { Path = responses },
        }))
        {
            for (var user = 1; user <= 200; user++)
            {
                string? cursor = null;
                for (var page = 0; page < 2; page++)
                {
                    var result = await engine.Feed.GetFeedAsync(user, 10, cursor);
                    time.Now += TimeSpan.FromSeconds(1);
                    cursor = result.Page?.NextCursor;
                    if (cursor is null)
                    {
                        break;
                    }
                }
            }

            await engine.FlushImpressionsAsync();
        }

        return (Directory.GetFiles(temp.File("model"), "ckpt-*.wck").Max(StringComparer.Ordinal)!, responses);
    }

    private sealed class SteppingTime(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
