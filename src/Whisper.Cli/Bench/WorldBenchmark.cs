using System.Diagnostics;
using System.Text.Json.Nodes;

using Whisper.Cli.Console;
using Whisper.Core.Domain;
using Whisper.World.Generation;

namespace Whisper.Cli.Bench;

/// <summary>
/// Times generating a world (catalog and the whole event stream, no store). Baseline from the same run: the raw
/// SQLite insert rate of the first generated events — generation must outrun the storage it feeds.
/// </summary>
public static class WorldBenchmark
{
    public const int BaselineSample = 500_000;

    public static JsonObject Run(WorldOptions options, string workDirectory, IProgress<WorkProgress> progress, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var generator = new WorldGenerator(options);
        var catalog = generator.BuildCatalog();
        var catalogTime = clock.Elapsed;

        var sample = new List<EngagementEvent>(BaselineSample);
        long events = 0;
        foreach (var batch in generator.GenerateEvents())
        {
            ct.ThrowIfCancellationRequested();
            events += batch.Events.Count;
            for (var i = 0; i < batch.Events.Count && sample.Count < BaselineSample; i++)
            {
                sample.Add(batch.Events[i]);
            }

            progress.Report(new WorkProgress("generate", batch.DaysCompleted, options.Days));
        }

        var total = clock.Elapsed;
        Directory.CreateDirectory(workDirectory);
        var raw = RawSqliteBaseline.EventsPerSecond(Path.Combine(workDirectory, "raw-world.db"), BenchEvents.Batches([.. sample], WorldGenerator.DefaultBatchSize));
        var rate = events / (total - catalogTime).TotalSeconds;
        return new JsonObject
        {
            ["benchmark"] = "world",
            ["users"] = catalog.Users.Count,
            ["videos"] = catalog.Videos.Count,
            ["creators"] = catalog.Creators.Count,
            ["days"] = options.Days,
            ["seed"] = options.Seed,
            ["events"] = events,
            ["catalog_seconds"] = Math.Round(catalogTime.TotalSeconds, 2),
            ["total_seconds"] = Math.Round(total.TotalSeconds, 2),
            ["target_seconds"] = 60,
            ["event_generation_per_s"] = Math.Round(rate),
            ["baseline_raw_sqlite_insert_events_per_s"] = Math.Round(raw),
            ["generation_vs_raw_insert"] = Math.Round(rate / raw, 2),
        };
    }
}
