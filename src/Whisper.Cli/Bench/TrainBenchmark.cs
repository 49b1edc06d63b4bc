using System.Diagnostics;
using System.Text.Json.Nodes;

using Whisper.Cli.Console;
using Whisper.Core.Domain;
using Whisper.Recommendation.Catalog;
using Whisper.Recommendation.Embeddings;
using Whisper.Recommendation.Model;
using Whisper.Recommendation.Training;
using Whisper.World.Generation;

namespace Whisper.Cli.Bench;

/// <summary>What <c>whisper bench train</c> measures.</summary>
/// <param name="World">The generated world whose events are trained on.</param>
/// <param name="Dimension">Embedding dimension of the trained model.</param>
/// <param name="MemoryRows">Rows admitted into the memory-measurement tables (results are scaled to per million).</param>
public sealed record TrainBenchOptions(WorldOptions World, int Dimension, int MemoryRows = 1_000_000);

/// <summary>
/// Online-training throughput on one core: a generated world's events (held in memory, so the log's I/O is not
/// measured) go through <see cref="OnlineTrainer.Apply"/> on one thread. Baselines from the same run over the same
/// events: a popularity counter pass and a forward-only (dot product, no update) pass with the trained model.
/// Memory per million rows is measured twice: the tables' own slab accounting and the GC heap growth.
/// </summary>
public static class TrainBenchmark
{
    public const int TargetEventsPerSecond = 200_000;
    private const int BatchSize = 1_024;

    public static JsonObject Run(TrainBenchOptions options, IProgress<WorkProgress> progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        var generator = new WorldGenerator(options.World);
        var rows = generator.BuildCatalog();
        var catalog = CatalogView.FromRows(rows.Users, rows.Videos, rows.Follows);

        var events = new List<LoggedEvent>();
        foreach (var batch in generator.GenerateEvents())
        {
            ct.ThrowIfCancellationRequested();
            foreach (var e in batch.Events)
            {
                events.Add(new LoggedEvent(events.Count + 1, e));
            }

            progress.Report(new WorkProgress("generate", batch.DaysCompleted, options.World.Days));
        }

        var popularityRate = PopularityPass(events, out var checksum);

        var checkpoints = Directory.CreateTempSubdirectory("whisper-bench-train-");
        var log = new MemoryLog();
        var sink = new TimingSink(); // an ANN index would listen in production; tracking changed ids is part of the cost
        using var trainer = new OnlineTrainer(
            log,
            catalog,
            new OnlineTrainerOptions { Model = new TwoTowerOptions { Dimension = options.Dimension }, CheckpointDirectory = checkpoints.FullName, CheckpointEvery = long.MaxValue },
            sink);
        var batchList = new List<LoggedEvent>(BatchSize);
        var clock = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        for (var i = 0; i < events.Count; i += BatchSize)
        {
            ct.ThrowIfCancellationRequested();
            batchList.Clear();
            for (var j = i; j < Math.Min(events.Count, i + BatchSize); j++)
            {
                batchList.Add(events[j]);
            }

            trainer.Apply(batchList);
            if ((i / BatchSize) % 256 == 0)
            {
                progress.Report(new WorkProgress("train", i, events.Count));
            }
        }

        var trainSeconds = clock.Elapsed.TotalSeconds;
        var trainCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        var trainRate = events.Count / trainSeconds;
        var forwardRate = ForwardPass(trainer.Model, catalog, events, ref checksum);

        progress.Report(new WorkProgress("checkpoint", 0, 1));
        clock.Restart();
        var checkpointPath = trainer.CheckpointAsync(ct).GetAwaiter().GetResult();
        var checkpointSeconds = clock.Elapsed.TotalSeconds;
        var checkpointBytes = new FileInfo(checkpointPath).Length;
        checkpoints.Delete(recursive: true);

        progress.Report(new WorkProgress("freshness", 0, FreshnessSamples));
        var freshness = Freshness(trainer, sink, log, events, ct);

        progress.Report(new WorkProgress("memory", 0, 2));
        var d32 = MemoryPerMillion(32, options.MemoryRows);
        progress.Report(new WorkProgress("memory", 1, 2));
        var d64 = MemoryPerMillion(64, options.MemoryRows);
        progress.Report(new WorkProgress("memory", 2, 2));

        var stats = trainer.Stats;
        var tables = new JsonObject();
        var names = new[] { "users", "regions", "hours", "videos", "creators", "topics", "history" };
        var tableStats = trainer.Model.TableStats;
        for (var i = 0; i < tableStats.Count; i++)
        {
            tables[names[i]] = new JsonObject { ["rows"] = tableStats[i].Rows, ["evicted"] = tableStats[i].Evicted, ["refused_full"] = tableStats[i].RefusedFull, ["bytes"] = tableStats[i].SlabBytes };
        }

        return new JsonObject
        {
            ["benchmark"] = "train",
            ["users"] = rows.Users.Count,
            ["videos"] = rows.Videos.Count,
            ["days"] = options.World.Days,
            ["seed"] = options.World.Seed,
            ["dimension"] = options.Dimension,
            ["threads"] = 1,
            ["events"] = events.Count,
            ["examples"] = stats.Examples,
            ["positives"] = stats.Positives,
            ["negatives"] = stats.Negatives,
            ["sampled_negatives"] = stats.SampledNegatives,
            ["train_seconds"] = Math.Round(trainSeconds, 2),
            ["train_cpu_seconds"] = Math.Round(trainCpu, 2),
            ["train_events_per_s"] = Math.Round(trainRate),
            ["train_examples_per_s"] = Math.Round(stats.Examples / trainSeconds),
            ["target_events_per_s"] = TargetEventsPerSecond,
            ["meets_target"] = trainRate >= TargetEventsPerSecond,
            ["baseline_forward_only_events_per_s"] = Math.Round(forwardRate),
            ["baseline_popularity_counter_events_per_s"] = Math.Round(popularityRate),
            ["train_vs_forward_only"] = Math.Round(trainRate / forwardRate, 3),
            ["train_vs_popularity_counter"] = Math.Round(trainRate / popularityRate, 3),
            ["train_events_per_cpu_s"] = Math.Round(events.Count / trainCpu),
            ["checkpoint_seconds"] = Math.Round(checkpointSeconds, 3),
            ["checkpoint_bytes"] = checkpointBytes,
            ["freshness_append_to_sink_ms"] = freshness,
            ["memory_per_million_rows"] = new JsonObject { ["d32"] = d32, ["d64"] = d64 },
            ["tables"] = tables,
            ["checksum"] = checksum, // keeps the baseline passes from being optimised away
        };
    }

    /// <summary>Baseline 1: count long-enough engagement per video (what a trending counter does).</summary>
    private static double PopularityPass(List<LoggedEvent> events, out double checksum)
    {
        var counts = new Dictionary<long, int>();
        var clock = Stopwatch.StartNew();
        foreach (var logged in events)
        {
            if (logged.Event.Kind != EventKind.Impression)
            {
                counts[logged.Event.VideoId] = counts.GetValueOrDefault(logged.Event.VideoId) + 1;
            }
        }

        var rate = events.Count / clock.Elapsed.TotalSeconds;
        checksum = counts.Count;
        return rate;
    }

    /// <summary>Baseline 2: the forward half of training — user and video towers and their dot product per labelled event, no update.</summary>
    private static double ForwardPass(TwoTowerModel model, CatalogView catalog, List<LoggedEvent> events, ref double checksum)
    {
        double sum = 0;
        var clock = Stopwatch.StartNew();
        foreach (var logged in events)
        {
            var e = logged.Event;
            if (e.Kind is not (EventKind.Impression or EventKind.Purchase) && catalog.TryGetVideo(e.VideoId, out _))
            {
                sum += model.Score(e.UserId, e.VideoId);
            }
        }

        var rate = events.Count / clock.Elapsed.TotalSeconds;
        checksum += sum;
        return rate;
    }

    /// <summary>Admits <paramref name="rows"/> ids into a fresh table and reports its slab bytes and the GC heap growth, scaled to a million rows.</summary>
    private static JsonObject MemoryPerMillion(int dimension, int rows)
    {
        var scale = 1_000_000.0 / rows;
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var table = new EmbeddingTable(new EmbeddingTableOptions { Dimension = dimension, MaxRows = rows });
        for (long id = 1; id <= rows; id++)
        {
            table.Touch(id * 7_919, 0, out _);
        }

        var after = GC.GetTotalMemory(forceFullCollection: true);
        var slab = table.Stats.SlabBytes;
        GC.KeepAlive(table);
        return new JsonObject
        {
            ["rows_measured"] = rows,
            ["slab_bytes"] = Math.Round(slab * scale),
            ["gc_heap_bytes"] = Math.Round((after - before) * scale),
            ["bytes_per_row"] = Math.Round((double)slab / rows, 1),
            ["weights_and_adagrad_bytes_per_row"] = 2 * dimension * sizeof(float),
        };
    }

    /// <summary>
    /// Ingest → trained → sink latency with <see cref="OnlineTrainer.RunAsync"/> following an in-memory log: one event
    /// appended at a time (re-using training events with new sequences), the ingest path calls Nudge, the sink stops
    /// the clock. The log is in memory, so this is the trainer's share of the freshness budget, not the store's.
    /// </summary>
    private static JsonObject Freshness(OnlineTrainer trainer, TimingSink sink, MemoryLog log, List<LoggedEvent> events, CancellationToken ct)
    {
        log.Seed(trainer.Position);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var run = Task.Run(() => trainer.RunAsync(stop.Token), ct);
        var latencies = new double[FreshnessSamples];
        var n = 0;
        for (var i = 0; n < FreshnessSamples && i < events.Count; i++)
        {
            var e = events[i].Event;
            if (e.Kind != EventKind.Like && e.Kind != EventKind.View)
            {
                continue;
            }

            var seen = sink.Arm();
            var start = Stopwatch.GetTimestamp();
            log.Append(e);
            trainer.Nudge();
            seen.Wait(ct);
            latencies[n++] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        stop.Cancel();
        run.GetAwaiter().GetResult();
        if (n == 0)
        {
            return new JsonObject { ["samples"] = 0 };
        }

        Array.Sort(latencies, 0, n);
        return new JsonObject
        {
            ["samples"] = n,
            ["p50"] = Math.Round(latencies[n / 2], 3),
            ["p99"] = Math.Round(latencies[Math.Min(n - 1, n * 99 / 100)], 3),
            ["max"] = Math.Round(latencies[n - 1], 3),
        };
    }

    private const int FreshnessSamples = 2_000;

    /// <summary>An in-memory sequenced log: the benchmark measures training, not storage.</summary>
    private sealed class MemoryLog : Whisper.Storage.IEventLog
    {
        private readonly List<LoggedEvent> _events = [];
        private readonly Lock _lock = new();
        private long _offset;

        public void Seed(long position)
        {
            lock (_lock)
            {
                _events.Clear();
                _offset = position;
            }
        }

        public void Append(EngagementEvent e)
        {
            lock (_lock)
            {
                _events.Add(new LoggedEvent(_offset + _events.Count + 1, e));
            }
        }

        public Task<Whisper.Storage.AppendResult> AppendAsync(IReadOnlyList<EngagementEvent> batch, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<int> ReadAsync(long afterPosition, int maxCount, List<LoggedEvent> into, CancellationToken cancellationToken = default)
        {
            lock (_lock)
            {
                var start = (int)Math.Clamp(afterPosition - _offset, 0, _events.Count);
                var n = Math.Min(maxCount, _events.Count - start);
                into.AddRange(_events.GetRange(start, n));
                return Task.FromResult(n);
            }
        }

        public Task<long> GetHeadAsync(CancellationToken cancellationToken = default)
        {
            lock (_lock)
            {
                return Task.FromResult(_offset + _events.Count);
            }
        }
    }

    private sealed class TimingSink : IVideoVectorSink
    {
        private TaskCompletionSource _seen = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Arm()
        {
            var next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref _seen, next);
            return next.Task;
        }

        public void OnVideoVectorsChanged(ReadOnlySpan<long> videoIds) => Volatile.Read(ref _seen).TrySetResult();
    }
}
