using System.Diagnostics;
using System.Text.Json.Nodes;

using Whisper.Core.Domain;
using Whisper.Recommendation.Candidates;
using Whisper.Server.Client;

namespace Whisper.Cli.Bench;

/// <summary>What <c>whisper bench freshness</c> measures.</summary>
public sealed record FreshnessBenchOptions(int Trials, int BurstUsers, int TopK, TimeSpan Timeout, long Seed);

/// <summary>
/// Ingest-to-serving freshness: per trial a new video enters the catalog, a burst of views and likes on it from users
/// whose tastes are close to a probe user is POSTed over HTTP, and the clock runs until the trainer has applied the
/// burst and the probe user's ANN search (top <see cref="FreshnessBenchOptions.TopK"/>, the feed's ANN budget) returns
/// the video — i.e. its changed vector is in the serving index and retrievable. Measured with the server's ingest hook
/// nudging the engine, and (baseline, same run) without: the trainer then finds the burst at its next poll.
/// </summary>
public static class FreshnessBenchmark
{
    public static async Task<JsonObject> RunAsync(EngineBenchWorld world, FreshnessBenchOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(world);
        ArgumentNullException.ThrowIfNull(options);
        var engine = world.Engine;
        await engine.AnnReady.WaitAsync(ct).ConfigureAwait(false);
        using var http = new HttpClient { BaseAddress = new Uri(world.BaseUrl + "/") };
        var client = new WhisperClient(http, world.Key);
        var random = new Random(unchecked((int)options.Seed));
        var tail = new List<LoggedEvent>();
        var head = await world.Store.Events.GetHeadAsync(ct).ConfigureAwait(false);
        await world.Store.Events.ReadAsync(Math.Max(0, head - 1), 1, tail, ct).ConfigureAwait(false);
        var clock = tail.Count > 0 ? tail[0].Event.OccurredAt : DateTimeOffset.UtcNow;
        var nextVideo = engine.Catalog.VideoIds.Max() + 1;

        var modes = new JsonObject();
        foreach (var nudge in new[] { true, false })
        {
            world.NudgeOnIngest = nudge;
            var latencies = new List<double>();
            var misses = 0;
            for (var trial = 0; trial < options.Trials; trial++)
            {
                clock = clock.AddSeconds(1);
                var video = new Video(nextVideo++, 1 + random.NextInt64(Math.Max(1, engine.Catalog.UserCount / 20)), 15_000, clock, ["fresh" + trial], "en", Regions.Us);
                await world.Store.Catalog.UpsertVideosAsync([video], ct).ConfigureAwait(false);
                engine.Catalog.AddOrUpdateVideo(video);
                var (probe, burst) = Burst(engine.Trainer.Model, engine.Catalog.UserCount, options.BurstUsers, random);
                var events = new List<EngagementEvent>(burst.Count * 2);
                foreach (var user in burst)
                {
                    events.Add(new EngagementEvent(Guid.NewGuid(), user, video.Id, EventKind.View, clock, video.DurationMs));
                    events.Add(new EngagementEvent(Guid.NewGuid(), user, video.Id, EventKind.Like, clock));
                }

                var started = Stopwatch.GetTimestamp();
                var appended = await client.IngestAsync(events, ct).ConfigureAwait(false);
                var served = await WaitServedAsync(engine, probe, video.Id, appended.LastSequence, options, ct).ConfigureAwait(false);
                if (served)
                {
                    latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
                else
                {
                    misses++;
                }
            }

            var summary = EngineBenchWorld.Summary(latencies, 0);
            modes[nudge ? "nudged" : "baseline_poll_only"] = new JsonObject
            {
                ["trials"] = options.Trials,
                ["served"] = latencies.Count,
                ["missed_within_timeout"] = misses,
                ["p50_ms"] = (double)summary["p50_ms"],
                ["p99_ms"] = (double)summary["p99_ms"],
                ["max_ms"] = (double)summary["max_ms"],
            };
        }

        world.NudgeOnIngest = true;
        var nudged = modes["nudged"]!.AsObject();
        return new JsonObject
        {
            ["benchmark"] = "freshness",
            ["world"] = new JsonObject { ["users"] = engine.Catalog.UserCount, ["videos"] = engine.Catalog.VideoCount, ["events"] = world.Events },
            ["ann"] = engine.AnnSource,
            ["ann_space"] = engine.Index.Ann?.Options.Space.ToString(),
            ["ann_vectors_over_max_norm"] = engine.Index.Ann?.VectorsOverMaxNorm,
            ["trainer_poll_ms"] = engine.Trainer.Options.PollInterval.TotalMilliseconds,
            ["burst_users"] = options.BurstUsers,
            ["top_k"] = options.TopK,
            ["timeout_ms"] = options.Timeout.TotalMilliseconds,
            ["modes"] = modes,
            ["baseline"] = "baseline_poll_only: same engine, ingest does not nudge (the trainer polls)",
            ["targets"] = new JsonObject
            {
                ["p99_ms"] = 1000,
                ["met"] = (int)nudged["missed_within_timeout"]! == 0 && (double)nudged["p99_ms"]! <= 1000,
            },
            ["box"] = new JsonObject { ["processors"] = Environment.ProcessorCount, ["load_avg_1m_at_end"] = EngineBenchWorld.LoadAverage() },
        };
    }

    /// <summary>A probe user with a vector and the sampled users closest to it (the probe first): a taste cluster.</summary>
    private static (long Probe, List<long> Burst) Burst(Recommendation.Model.TwoTowerModel model, int users, int size, Random random)
    {
        var probeVector = new float[model.Dimension];
        long probe;
        var tries = 0;
        do
        {
            if (++tries > 100_000)
            {
                throw new InvalidOperationException("No user has a vector yet; the world is too small or the model has not trained.");
            }

            probe = 1 + random.NextInt64(users);
        }
        while (!model.TryGetUserVector(probe, probeVector));

        var scored = new List<(float Dot, long User)>();
        var vector = new float[model.Dimension];
        for (var i = 0; i < 2_000; i++)
        {
            var user = 1 + random.NextInt64(users);
            if (user != probe && model.TryGetUserVector(user, vector))
            {
                scored.Add((-Dot(probeVector, vector), user));
            }
        }

        scored.Sort();
        var burst = new List<long> { probe };
        for (var i = 0; i < scored.Count && burst.Count < size; i++)
        {
            if (!burst.Contains(scored[i].User))
            {
                burst.Add(scored[i].User);
            }
        }

        return (probe, burst);
    }

    private static float Dot(float[] a, float[] b)
    {
        float sum = 0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    private static async Task<bool> WaitServedAsync(Recommendation.Engine.RecommendationEngine engine, long probe, long videoId, long sequence, FreshnessBenchOptions options, CancellationToken ct)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(options.Timeout.TotalSeconds * Stopwatch.Frequency);
        var query = new float[engine.Trainer.Model.Dimension];
        var results = new VectorMatch[options.TopK];
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (engine.Trainer.Position >= sequence && engine.Trainer.Model.TryGetUserVector(probe, query))
            {
                var found = engine.Index.Search(query, results);
                for (var i = 0; i < found; i++)
                {
                    if (results[i].VideoId == videoId)
                    {
                        return true;
                    }
                }
            }

            await Task.Delay(1, ct).ConfigureAwait(false);
        }

        return false;
    }
}
