using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

using Whisper.Recommendation.Engine;
using Whisper.Recommendation.Ranking;

namespace Whisper.Cli.Bench;

/// <summary>What <c>whisper bench feed</c> measures.</summary>
public sealed record FeedBenchOptions(int Requests, int WarmUp, int Concurrency, int Count, long Seed);

/// <summary>
/// Feed latency and throughput in-process (one caller, then one per core) and over HTTP on loopback with N concurrent
/// clients, for the model-score ranker (baseline) and the LightGBM ranker, on one engine in one run: the ranker slot
/// is swapped between the phases. Users are drawn at random, first pages only; the retry window is 0 so a repeat is
/// computed, not replayed.
/// </summary>
public static class FeedBenchmark
{
    public static async Task<JsonObject> RunAsync(EngineBenchWorld world, FeedBenchOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(world);
        ArgumentNullException.ThrowIfNull(options);
        var engine = world.Engine;
        await engine.AnnReady.WaitAsync(ct).ConfigureAwait(false);
        var training = await engine.RankerReady.WaitAsync(ct).ConfigureAwait(false);
        var users = engine.Catalog.UserCount;
        var baseline = new ModelScoreRanker(engine.Trainer.Model);
        var rankers = new List<(string Name, IVersionedRanker Ranker)> { ("model_score", baseline) };
        if (training?.Ranker is { } lightGbm)
        {
            rankers.Add(("lightgbm", lightGbm));
        }

        var inProcess = new JsonObject();
        var http = new JsonObject();
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = options.Concurrency, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(world.BaseUrl + "/") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", world.Key);
        foreach (var (name, ranker) in rankers)
        {
            engine.Ranker.Swap(ranker);
            var random = new Random(unchecked((int)options.Seed));
            await InProcessAsync(engine, users, options.WarmUp, 1, options.Count, random, ct).ConfigureAwait(false);
            var one = await InProcessAsync(engine, users, options.Requests, 1, options.Count, random, ct).ConfigureAwait(false);
            var all = await InProcessAsync(engine, users, options.Requests, Environment.ProcessorCount, options.Count, random, ct).ConfigureAwait(false);
            inProcess[name] = new JsonObject { ["one_caller"] = ToJson(one), [$"{Environment.ProcessorCount}_callers"] = ToJson(all) };
            await HttpAsync(client, users, options.WarmUp, options.Concurrency, options.Count, random, ct).ConfigureAwait(false);
            http[name] = ToJson(await HttpAsync(client, users, options.Requests, options.Concurrency, options.Count, random, ct).ConfigureAwait(false));
        }

        engine.Ranker.Swap(training?.Serving ?? baseline);
        var breakdown = Breakdown(engine, users, Math.Min(options.Requests, 2_000), new Random(unchecked((int)options.Seed) + 1));
        var best = http[rankers[^1].Name]!.AsObject();
        return new JsonObject
        {
            ["benchmark"] = "feed",
            ["world"] = new JsonObject { ["users"] = users, ["videos"] = engine.Catalog.VideoCount, ["events"] = world.Events },
            ["engine"] = new JsonObject
            {
                ["startup_s"] = Math.Round(world.StartupSeconds, 2),
                ["ann"] = engine.AnnSource,
                ["rank_top_k"] = engine.Feed.Options.RankTopK,
                ["lightgbm_trees_per_objective"] = training?.Ranker?.Options.Iterations,
                ["ranker_serving"] = training?.Serving.Version ?? baseline.Version,
                ["long_watch_auc_lightgbm"] = Finite(training?.Report[RankingObjective.LongWatch].LightGbmAuc),
                ["long_watch_auc_model_score"] = Finite(training?.Report[RankingObjective.LongWatch].ModelScoreAuc),
            },
            ["page_size"] = options.Count,
            ["breakdown_us_per_request"] = breakdown,
            ["in_process"] = inProcess,
            ["http"] = http,
            ["http_concurrency"] = options.Concurrency,
            ["baseline"] = "model_score (same engine, same run)",
            ["targets"] = new JsonObject
            {
                ["http_p99_ms"] = 10,
                ["http_feeds_per_s"] = 2000,
                ["met"] = (double)best["p99_ms"]! <= 10 && (double)best["feeds_per_s"]! >= 2000,
            },
            ["box"] = new JsonObject { ["processors"] = Environment.ProcessorCount, ["load_avg_1m_at_end"] = EngineBenchWorld.LoadAverage() },
        };
    }

    /// <summary>Medians, not means: on a shared 2-vCPU box preemption stalls dominate a mean.</summary>
    private static double Median(List<double> values)
    {
        values.Sort();
        return values.Count == 0 ? 0 : Math.Round(values[values.Count / 2], 1);
    }

    /// <summary>Where a request's time goes, one stage at a time (one caller, medians in µs): candidate retrieval per source, then model scores.</summary>
    private static JsonObject Breakdown(RecommendationEngine engine, int users, int requests, Random random)
    {
        var vector = new float[engine.Trainer.Model.Dimension];
        var into = new List<Recommendation.Candidates.Candidate>(1024);
        var perSource = new List<double>[engine.Feed.Candidates.Sources.Count];
        for (var s = 0; s < perSource.Length; s++)
        {
            perSource[s] = new List<double>(requests);
        }

        var scoring = new List<double>(requests);
        var candidates = 0L;
        var now = DateTimeOffset.UtcNow;
        for (var r = 0; r < requests; r++)
        {
            var user = 1 + random.NextInt64(users);
            var cold = !engine.Trainer.Model.TryGetUserVector(user, vector);
            var request = new Recommendation.Candidates.FeedRequest(user, engine.Catalog.RegionOfUser(user), now, 10) { UserVector = cold ? [] : vector };
            var budgets = engine.Feed.Candidates.Options.For(request);
            into.Clear();
            for (var s = 0; s < perSource.Length; s++)
            {
                var source = engine.Feed.Candidates.Sources[s];
                var started = Stopwatch.GetTimestamp();
                source.Collect(request, budgets.For(source.Origin), into);
                perSource[s].Add(Stopwatch.GetElapsedTime(started).TotalMicroseconds);
            }

            var t = Stopwatch.GetTimestamp();
            foreach (var c in into)
            {
                engine.Trainer.Model.Score(user, c.VideoId);
            }

            scoring.Add(Stopwatch.GetElapsedTime(t).TotalMicroseconds);
            candidates += into.Count;
        }

        var json = new JsonObject();
        for (var s = 0; s < perSource.Length; s++)
        {
            json[engine.Feed.Candidates.Sources[s].Origin.ToString().ToLowerInvariant()] = Median(perSource[s]);
        }

        json["model_score_all_candidates"] = Median(scoring);
        json["candidates_per_request"] = Math.Round((double)candidates / requests, 1);
        return json;
    }

    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? Math.Round(v, 4) : null;

    private static JsonObject ToJson(Dictionary<string, object> summary)
    {
        var json = new JsonObject();
        foreach (var (key, value) in summary)
        {
            json[key] = value switch
            {
                int i => JsonValue.Create(i),
                double d => JsonValue.Create(d),
                _ => JsonValue.Create(value.ToString()),
            };
        }

        return json;
    }

    private static async Task<Dictionary<string, object>> InProcessAsync(RecommendationEngine engine, int users, int requests, int callers, int count, Random random, CancellationToken ct)
    {
        var latencies = new List<double>(requests);
        var ids = Users(users, requests, random);
        var next = -1;
        var wall = Stopwatch.StartNew();
        var workers = new Task[callers];
        for (var w = 0; w < callers; w++)
        {
            workers[w] = Task.Run(
                async () =>
                {
                    var mine = new List<double>();
                    for (int i; (i = Interlocked.Increment(ref next)) < ids.Length;)
                    {
                        var started = Stopwatch.GetTimestamp();
                        var result = await engine.Feed.GetFeedAsync(ids[i], count, null, ct).ConfigureAwait(false);
                        mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                        if (result.Page is null)
                        {
                            throw new InvalidOperationException($"Feed for user {ids[i]} failed: {result.Error}");
                        }
                    }

                    lock (latencies)
                    {
                        latencies.AddRange(mine);
                    }
                },
                ct);
        }

        await Task.WhenAll(workers).ConfigureAwait(false);
        return EngineBenchWorld.Summary(latencies, wall.Elapsed.TotalSeconds);
    }

    private static async Task<Dictionary<string, object>> HttpAsync(HttpClient client, int users, int requests, int concurrency, int count, Random random, CancellationToken ct)
    {
        var latencies = new List<double>(requests);
        var ids = Users(users, requests, random);
        var next = -1;
        var wall = Stopwatch.StartNew();
        var workers = new Task[concurrency];
        for (var w = 0; w < concurrency; w++)
        {
            workers[w] = Task.Run(
                async () =>
                {
                    var mine = new List<double>();
                    for (int i; (i = Interlocked.Increment(ref next)) < ids.Length;)
                    {
                        var started = Stopwatch.GetTimestamp();
                        using var response = await client.GetAsync($"v1/feed?user={ids[i]}&count={count}", ct).ConfigureAwait(false);
                        var body = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
                        mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                        if (!response.IsSuccessStatusCode || body.Length == 0)
                        {
                            throw new InvalidOperationException($"GET /v1/feed for user {ids[i]} answered {(int)response.StatusCode}.");
                        }
                    }

                    lock (latencies)
                    {
                        latencies.AddRange(mine);
                    }
                },
                ct);
        }

        await Task.WhenAll(workers).ConfigureAwait(false);
        return EngineBenchWorld.Summary(latencies, wall.Elapsed.TotalSeconds);
    }

    private static long[] Users(int users, int requests, Random random)
    {
        var ids = new long[requests];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = 1 + random.NextInt64(users);
        }

        return ids;
    }
}
