using System.Diagnostics;
using System.Text.Json.Nodes;

using Whisper.Cli.Console;
using Whisper.Recommendation.Catalog;
using Whisper.Recommendation.Engine;
using Whisper.Recommendation.RankingAudit;
using Whisper.Recommendation.ResponseLog;
using Whisper.Recommendation.Training;
using Whisper.Storage;
using Whisper.World.Generation;

namespace Whisper.Cli.Bench;

/// <summary>
/// <c>whisper bench integrity</c>: the manipulation audit's throughput (logged requests replayed and compared per
/// second) against a same-run baseline — the same replay through the approved model and declared rules without the
/// tallies and statistics — on a generated world served through an engine with a response log.
/// </summary>
public static class IntegrityBenchmark
{
    public static async Task<JsonObject> RunAsync(string work, WorldOptions world, int pages, IProgress<WorkProgress> progress, CancellationToken ct)
    {
        var storePath = Path.Combine(work, "world.db");
        await using var store = await WhisperStores.OpenAsync(new StoreOptions(StoreProvider.Sqlite, storePath), ct).ConfigureAwait(false);
        progress.Report(new WorkProgress("world", 0, 1));
        await WorldWriter.WriteAsync(world, store, Path.Combine(work, "truth.wgt"), cancellationToken: ct).ConfigureAwait(false);
        var catalog = await CatalogView.LoadAsync(store.Catalog, ct).ConfigureAwait(false);
        var trainer = new OnlineTrainerOptions { CheckpointDirectory = Path.Combine(work, "model") };
        progress.Report(new WorkProgress("train", 0, 1));
        using (await OnlineTrainer.TrainFromScratchAsync(store.Events, catalog, trainer, cancellationToken: ct).ConfigureAwait(false))
        {
        }

        var checkpoint = Directory.GetFiles(trainer.CheckpointDirectory, "ckpt-*.wck").Max(StringComparer.Ordinal)!;
        var responsesPath = Path.Combine(work, "responses.jsonl");
        var serveStart = world.Start.AddDays(world.Days + 1);
        var clock = new BenchClock(serveStart);
        await using (var engine = await RecommendationEngine.CreateAsync(store, new RecommendationEngineOptions
        {
            Trainer = trainer,
            MinImpressionsForRanker = 0,
            Time = clock,
            ResponseLog = new ServedResponseLogOptions { Path = responsesPath },
        }, cancellationToken: ct).ConfigureAwait(false))
        {
            var random = new Random(7);
            for (var i = 0; i < pages; i++)
            {
                await engine.Feed.GetFeedAsync(1 + random.Next(world.Users), 10, null, ct).ConfigureAwait(false);
                clock.Now += TimeSpan.FromMilliseconds(250);
                if (i % 256 == 0)
                {
                    progress.Report(new WorkProgress("serve", i, pages));
                }
            }

            await engine.FlushImpressionsAsync(ct).ConfigureAwait(false);
        }

        var responses = ResponseLogReader.ReadAll(responsesPath);
        progress.Report(new WorkProgress("load audit", 0, 1));
        var loadWatch = Stopwatch.StartNew();
        using var auditor = await ManipulationAuditor.CreateAsync(catalog, store.Events, checkpoint, new DeclaredRules(), ManipulationAuditor.AuditedSince(responses), ct).ConfigureAwait(false);
        var loadSeconds = loadWatch.Elapsed.TotalSeconds;

        progress.Report(new WorkProgress("replay", 0, 1));
        var replayWatch = Stopwatch.StartNew();
        var replaySlots = auditor.Replay(responses);
        var replaySeconds = replayWatch.Elapsed.TotalSeconds;

        progress.Report(new WorkProgress("audit", 0, 1));
        var auditWatch = Stopwatch.StartNew();
        var report = auditor.Audit(responses);
        var auditSeconds = auditWatch.Elapsed.TotalSeconds;

        return new JsonObject
        {
            ["benchmark"] = "integrity",
            ["world"] = new JsonObject { ["users"] = world.Users, ["videos"] = world.Videos, ["days"] = world.Days, ["events"] = await store.Events.GetHeadAsync(ct).ConfigureAwait(false) },
            ["responses"] = responses.Count,
            ["audit_load_seconds"] = Math.Round(loadSeconds, 3),
            ["manipulation_audit"] = new JsonObject
            {
                ["requests_per_second"] = Math.Round(report.Replayed / auditSeconds, 1),
                ["seconds"] = Math.Round(auditSeconds, 3),
                ["replayed"] = report.Replayed,
                ["findings"] = report.Findings.Count,
            },
            ["baseline_replay_only"] = new JsonObject
            {
                ["requests_per_second"] = Math.Round(responses.Count / replaySeconds, 1),
                ["seconds"] = Math.Round(replaySeconds, 3),
                ["expected_slots"] = replaySlots,
            },
            ["clean"] = report.Passed,
        };
    }

    private sealed class BenchClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
