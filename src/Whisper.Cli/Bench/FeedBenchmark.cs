using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

using Whisper.Recommendation.Engine;
using Whisper.Recommendation.Ranking;

namespace Whisper.Cli.Bench;

/// <summary>What <c>whisper bench feed</c> measures; <paramref name="Concurrency"/> is the HTTP sweep (clients per step).</summary>
public sealed record FeedBenchOptions(int Requests, int WarmUp, IReadOnlyList<int> Concurrency, int Count, long Seed);

/// <summary>
/// Feed latency and throughput in-process (one caller, then one per core) and over HTTP on loopback with a sweep of
/// concurrent clients, for the model-score ranker (baseline) and the LightGBM ranker, on one engine in one run: the
/// ranker slot is swapped between the phases. Users are drawn at random, first pages only; the retry window is 0 so a
/// repeat is computed, not replayed.
/// <para>
/// The HTTP load generator runs in this process, on the same cores as Kestrel and the engine, so it is kept lean:
/// <see cref="RawHttpClient"/>, one keep-alive socket per client with the request bytes built before the clock starts
/// and responses parsed only for status and length. Its cost is reported, not hidden: CPU ms per request in-process
/// against over HTTP, and at the top of the sweep the same load from <see cref="HttpClient"/> (lean handler,
/// ResponseHeadersRead, pooled body buffer) and from plain <c>HttpClient.GetAsync</c> + <c>ReadAsByteArrayAsync</c>.
/// </para>
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
        var sweeps = new JsonObject();
        var top = options.Concurrency.Max();
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = top,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        using var client = new HttpClient(handler, disposeHandler: false) { BaseAddress = new Uri(world.BaseUrl + "/") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", world.Key);
        JsonObject? naive = null;
        JsonObject? lean = null;
        foreach (var (name, ranker) in rankers)
        {
            engine.Ranker.Swap(ranker);
            var random = new Random(unchecked((int)options.Seed));
            await InProcessAsync(engine, users, options.WarmUp, 1, options.Count, random, ct).ConfigureAwait(false);
            var one = await InProcessAsync(engine, users, options.Requests, 1, options.Count, random, ct).ConfigureAwait(false);
            var all = await InProcessAsync(engine, users, options.Requests, Environment.ProcessorCount, options.Count, random, ct).ConfigureAwait(false);
            inProcess[name] = new JsonObject { ["one_caller"] = ToJson(one), [$"{Environment.ProcessorCount}_callers"] = ToJson(all) };
            await HttpAsync(null, world.BaseUrl, world.Key, users, options.WarmUp, top, options.Count, random, LoadClient.RawSocket, ct).ConfigureAwait(false);
            var sweep = new JsonObject();
            JsonObject? withinTarget = null;
            JsonObject? fastest = null;
            foreach (var c in options.Concurrency)
            {
                var step = ToJson(await HttpAsync(null, world.BaseUrl, world.Key, users, options.Requests, c, options.Count, random, LoadClient.RawSocket, ct).ConfigureAwait(false));
                step["concurrency"] = c;
                sweep[c.ToString(System.Globalization.CultureInfo.InvariantCulture)] = step;
                var rate = (double)step["feeds_per_s"]!;
                if ((double)step["p99_ms"]! <= 10 && (withinTarget is null || rate > (double)withinTarget["feeds_per_s"]!))
                {
                    withinTarget = step;
                }

                if (fastest is null || rate > (double)fastest["feeds_per_s"]!)
                {
                    fastest = step;
                }
            }

            // The best rate whose p99 meets 10 ms; when no step does, the fastest step (and targets.met says false).
            http[name] = (withinTarget ?? fastest)!.DeepClone();
            sweeps[name] = sweep;
            if (naive is null)
            {
                // Same server, same engine, same ranker: only the client differs (HttpClient's own CPU lands on the same cores).
                await HttpAsync(client, world.BaseUrl, world.Key, users, options.WarmUp, top, options.Count, random, LoadClient.HttpClient, ct).ConfigureAwait(false);
                lean = ToJson(await HttpAsync(client, world.BaseUrl, world.Key, users, options.Requests, top, options.Count, random, LoadClient.HttpClient, ct).ConfigureAwait(false));
                lean["concurrency"] = top;
                lean["ranker"] = name;
                using var plainHandler = new SocketsHttpHandler { MaxConnectionsPerServer = top, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
                using var plain = new HttpClient(plainHandler) { BaseAddress = new Uri(world.BaseUrl + "/") };
                plain.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", world.Key);
                await HttpAsync(plain, world.BaseUrl, world.Key, users, options.WarmUp, top, options.Count, random, LoadClient.PlainHttpClient, ct).ConfigureAwait(false);
                naive = ToJson(await HttpAsync(plain, world.BaseUrl, world.Key, users, options.Requests, top, options.Count, random, LoadClient.PlainHttpClient, ct).ConfigureAwait(false));
                naive["concurrency"] = top;
                naive["ranker"] = name;
            }
        }

        engine.Ranker.Swap(training?.Serving ?? baseline);
        var breakdown = Breakdown(engine, users, Math.Min(options.Requests, 2_000), new Random(unchecked((int)options.Seed) + 1));
        var annBudget = AnnBudget(engine, users, 200, new Random(unchecked((int)options.Seed) + 2));
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
            ["ann_budget"] = annBudget,
            ["in_process"] = inProcess,
            ["http"] = http,
            ["http_sweep"] = sweeps,
            ["http_concurrency"] = new JsonArray([.. options.Concurrency.Select(c => JsonValue.Create(c))]),
            ["http_httpclient"] = lean,
            ["http_plain_httpclient"] = naive,
            ["http_client"] = "raw sockets: one keep-alive connection per client, pre-built request bytes, responses parsed only for status and length; in-process on the same cores as the server",
            ["baseline"] = "model_score (same engine, same run)",
            ["targets"] = new JsonObject
            {
                ["http_p99_ms"] = 10,
                ["http_feeds_per_s"] = 2000,
                ["met"] = Met(best),
                ["met_by_ranker"] = new JsonObject([.. rankers.Select(r => KeyValuePair.Create(r.Name, (JsonNode?)Met(http[r.Name]!.AsObject())))]),
            },
            ["box"] = new JsonObject { ["processors"] = Environment.ProcessorCount, ["load_avg_1m_at_end"] = EngineBenchWorld.LoadAverage() },
        };
    }

    private static bool Met(JsonObject http) => (double)http["p99_ms"]! <= 10 && (double)http["feeds_per_s"]! >= 2000;

    /// <summary>Medians, not means: on a shared 2-vCPU box preemption stalls dominate a mean.</summary>
    private static double Median(List<double> values)
    {
        values.Sort();
        return values.Count == 0 ? 0 : Math.Round(values[values.Count / 2], 1);
    }

    /// <summary>
    /// Where a request's time goes, one stage at a time (one caller, medians in µs): candidate retrieval per source, then
    /// model scores of all candidates batched (<c>ScoreMany</c>, as serving does) and, for comparison, one <c>Score</c> call per pair.
    /// </summary>
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
        var perPair = new List<double>(requests);
        var lightGbm = engine.Ranker.Current as LightGbmRanker;
        var head = new Recommendation.Candidates.Candidate[engine.Feed.Options.RankTopK > 0 ? engine.Feed.Options.RankTopK : 64];
        var rows = new float[head.Length * RankingFeatures.Count];
        var batched = new List<double>(requests);
        var perRow = new List<double>(requests);
        var ids = new long[1024];
        var batch = new float[1024];
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

            perPair.Add(Stopwatch.GetElapsedTime(t).TotalMicroseconds);
            if (ids.Length < into.Count)
            {
                ids = new long[into.Count * 2];
                batch = new float[into.Count * 2];
            }

            for (var i = 0; i < into.Count; i++)
            {
                ids[i] = into[i].VideoId;
            }

            t = Stopwatch.GetTimestamp();
            engine.Trainer.Model.ScoreMany(user, ids.AsSpan(0, into.Count), batch);
            scoring.Add(Stopwatch.GetElapsedTime(t).TotalMicroseconds);
            candidates += into.Count;
            if (lightGbm is not null && !cold)
            {
                TimeRanker(lightGbm, request, into, batch, head, rows, batched, perRow);
            }
        }

        var json = new JsonObject();
        for (var s = 0; s < perSource.Length; s++)
        {
            json[engine.Feed.Candidates.Sources[s].Origin.ToString().ToLowerInvariant()] = Median(perSource[s]);
        }

        json["model_score_all_candidates"] = Median(scoring);
        json["model_score_all_candidates_per_pair_calls"] = Median(perPair);
        if (lightGbm is not null)
        {
            json["lightgbm_head_batched"] = Median(batched);
            json["lightgbm_head_one_row_at_a_time"] = Median(perRow);
            json["lightgbm_head_rows"] = head.Length;
        }

        json["candidates_per_request"] = Math.Round((double)candidates / requests, 1);
        return json;
    }

    /// <summary>
    /// The LightGBM ranker on one request's head (the first <c>RankTopK</c> candidates with their model scores) as
    /// serving runs it — the batch through the trees four rows in lockstep — against one row at a time (features, then
    /// <see cref="LightGbmRanker.Combine"/> per row, each tree walked to its leaf): the same scores, two evaluation orders.
    /// </summary>
    private static void TimeRanker(LightGbmRanker ranker, Recommendation.Candidates.FeedRequest request, List<Recommendation.Candidates.Candidate> candidates,
        float[] modelScores, Recommendation.Candidates.Candidate[] head, float[] rows, List<double> batched, List<double> perRow)
    {
        var n = Math.Min(head.Length, candidates.Count);
        for (var i = 0; i < n; i++)
        {
            head[i] = candidates[i];
        }

        var scores = new float[n];
        var t = Stopwatch.GetTimestamp();
        ((IRanker)ranker).Score(request, head.AsSpan(0, n), modelScores.AsSpan(0, n), scores);
        batched.Add(Stopwatch.GetElapsedTime(t).TotalMicroseconds);
        var features = ranker.Features;
        t = Stopwatch.GetTimestamp();
        for (var i = 0; i < n; i++)
        {
            var row = rows.AsSpan(i * RankingFeatures.Count, RankingFeatures.Count);
            scores[i] = features.TryWrite(request, head[i], modelScores[i], row) ? ranker.Combine(row) : float.NegativeInfinity;
        }

        perRow.Add(Stopwatch.GetElapsedTime(t).TotalMicroseconds);
    }

    /// <summary>
    /// What the warm ANN budget costs in retrieval quality: for sampled known users, the share of the exact top 10 and
    /// top 64 (the ranked head, <c>RankTopK</c>) by dot product that the HNSW search returns when asked for the serving
    /// budget, against asking for 300 (the budget before), and the search time of each (medians, µs).
    /// </summary>
    private static JsonObject AnnBudget(RecommendationEngine engine, int users, int samples, Random random)
    {
        const int Before = 300;
        var budget = engine.Feed.Candidates.Options.Warm.Ann;
        var vector = new float[engine.Trainer.Model.Dimension];
        var exact = new Recommendation.Candidates.VectorMatch[64];
        var served = new Recommendation.Candidates.VectorMatch[Math.Max(budget, 1)];
        var wide = new Recommendation.Candidates.VectorMatch[Before];
        var truth = new HashSet<long>();
        double hit10 = 0, hit64 = 0, wide10 = 0, wide64 = 0;
        var n = 0;
        var servedUs = new List<double>(samples);
        var wideUs = new List<double>(samples);
        for (var attempt = 0; attempt < samples * 4 && n < samples; attempt++)
        {
            var user = 1 + random.NextInt64(users);
            if (!engine.Trainer.Model.TryGetUserVector(user, vector))
            {
                continue;
            }

            var inExact = engine.Index.Exact.Search(vector, exact);
            // The second search of a query finds the graph in cache: alternate which budget goes first.
            int inServed, inWide;
            if (n % 2 == 0)
            {
                inServed = TimedSearch(engine, vector, served, servedUs);
                inWide = TimedSearch(engine, vector, wide, wideUs);
            }
            else
            {
                inWide = TimedSearch(engine, vector, wide, wideUs);
                inServed = TimedSearch(engine, vector, served, servedUs);
            }

            hit10 += Recall(exact.AsSpan(0, Math.Min(10, inExact)), served.AsSpan(0, Math.Min(10, inServed)), truth);
            hit64 += Recall(exact.AsSpan(0, inExact), served.AsSpan(0, Math.Min(64, inServed)), truth);
            wide10 += Recall(exact.AsSpan(0, Math.Min(10, inExact)), wide.AsSpan(0, Math.Min(10, inWide)), truth);
            wide64 += Recall(exact.AsSpan(0, inExact), wide.AsSpan(0, Math.Min(64, inWide)), truth);
            n++;
        }

        n = Math.Max(1, n);
        return new JsonObject
        {
            ["users"] = n,
            ["budget"] = budget,
            ["recall_at_10"] = Math.Round(hit10 / n, 4),
            ["recall_at_64"] = Math.Round(hit64 / n, 4),
            ["search_us"] = Median(servedUs),
            ["budget_300_recall_at_10"] = Math.Round(wide10 / n, 4),
            ["budget_300_recall_at_64"] = Math.Round(wide64 / n, 4),
            ["budget_300_search_us"] = Median(wideUs),
        };
    }

    private static int TimedSearch(RecommendationEngine engine, float[] vector, Recommendation.Candidates.VectorMatch[] results, List<double> micros)
    {
        var started = Stopwatch.GetTimestamp();
        var found = engine.Index.Search(vector, results);
        micros.Add(Stopwatch.GetElapsedTime(started).TotalMicroseconds);
        return found;
    }

    /// <summary>Share of <paramref name="truth"/>'s videos found in <paramref name="found"/>.</summary>
    private static double Recall(ReadOnlySpan<Recommendation.Candidates.VectorMatch> truth, ReadOnlySpan<Recommendation.Candidates.VectorMatch> found, HashSet<long> scratch)
    {
        if (truth.IsEmpty)
        {
            return 1;
        }

        scratch.Clear();
        foreach (var match in found)
        {
            scratch.Add(match.VideoId);
        }

        var hits = 0;
        foreach (var match in truth)
        {
            hits += scratch.Contains(match.VideoId) ? 1 : 0;
        }

        return (double)hits / truth.Length;
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
        var requestBytes = new List<long>(requests);
        var ids = Users(users, requests, random);
        var next = -1;
        var cost = Cost.Now();
        var wall = Stopwatch.StartNew();
        var workers = new Task[callers];
        for (var w = 0; w < callers; w++)
        {
            workers[w] = Task.Run(
                async () =>
                {
                    var mine = new List<double>();
                    var myBytes = new List<long>();
                    for (int i; (i = Interlocked.Increment(ref next)) < ids.Length;)
                    {
                        var thread = Environment.CurrentManagedThreadId;
                        var allocated = GC.GetAllocatedBytesForCurrentThread();
                        var started = Stopwatch.GetTimestamp();
                        var result = await engine.Feed.GetFeedAsync(ids[i], count, null, ct).ConfigureAwait(false);
                        mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                        if (Environment.CurrentManagedThreadId == thread)
                        {
                            myBytes.Add(GC.GetAllocatedBytesForCurrentThread() - allocated); // completed on this thread: the request's own allocations
                        }
                        if (result.Page is null)
                        {
                            throw new InvalidOperationException($"Feed for user {ids[i]} failed: {result.Error}");
                        }
                    }

                    lock (latencies)
                    {
                        latencies.AddRange(mine);
                        requestBytes.AddRange(myBytes);
                    }
                },
                ct);
        }

        await Task.WhenAll(workers).ConfigureAwait(false);
        var summary = WithCosts(EngineBenchWorld.Summary(latencies, wall.Elapsed.TotalSeconds), cost, ids.Length);
        requestBytes.Sort();
        summary["request_alloc_bytes_p50"] = requestBytes.Count == 0 ? 0 : (int)requestBytes[requestBytes.Count / 2];
        return summary;
    }

    /// <summary>Process-wide CPU time and allocated bytes, to be divided by the requests of one phase (background work included).</summary>
    private readonly record struct Cost(TimeSpan Cpu, long Allocated)
    {
        public static Cost Now()
        {
            using var process = Process.GetCurrentProcess();
            return new Cost(process.TotalProcessorTime, GC.GetTotalAllocatedBytes(precise: false));
        }
    }

    private static Dictionary<string, object> WithCosts(Dictionary<string, object> summary, Cost before, int requests)
    {
        var after = Cost.Now();
        summary["process_cpu_ms_per_request"] = Math.Round((after.Cpu - before.Cpu).TotalMilliseconds / Math.Max(1, requests), 3);
        summary["process_alloc_bytes_per_request"] = (int)Math.Min(int.MaxValue, (after.Allocated - before.Allocated) / Math.Max(1, requests));
        return summary;
    }

    /// <summary>Which load generator an HTTP phase uses (same server, same requests).</summary>
    private enum LoadClient
    {
        /// <summary><see cref="RawHttpClient"/>: one keep-alive socket per client, pre-built request bytes.</summary>
        RawSocket,

        /// <summary><see cref="HttpClient"/> on a lean <see cref="SocketsHttpHandler"/>, ResponseHeadersRead, pooled body buffer.</summary>
        HttpClient,

        /// <summary><c>HttpClient.GetAsync</c> + <c>ReadAsByteArrayAsync</c> on a default handler.</summary>
        PlainHttpClient,
    }

    private static async Task<Dictionary<string, object>> HttpAsync(
        HttpClient? client, string baseUrl, string key, int users, int requests, int concurrency, int count, Random random, LoadClient kind, CancellationToken ct)
    {
        var latencies = new List<double>(requests);
        var ids = Users(users, requests, random);
        var baseUri = new Uri(baseUrl);
        var uris = new Uri[ids.Length];
        var raw = new byte[ids.Length][];
        for (var i = 0; i < ids.Length; i++)
        {
            var path = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"/v1/feed?user={ids[i]}&count={count}");
            if (kind == LoadClient.RawSocket)
            {
                raw[i] = RawHttpClient.Get(baseUri, path, key);
            }
            else
            {
                uris[i] = new Uri(baseUrl + path);
            }
        }

        var sockets = new RawHttpClient[kind == LoadClient.RawSocket ? concurrency : 0];
        try
        {
            for (var w = 0; w < sockets.Length; w++)
            {
                sockets[w] = await RawHttpClient.ConnectAsync(baseUri, ct).ConfigureAwait(false);
            }

            var next = -1;
            var cost = Cost.Now();
            var wall = Stopwatch.StartNew();
            var workers = new Task[concurrency];
            for (var w = 0; w < concurrency; w++)
            {
                var socket = sockets.Length > 0 ? sockets[w] : null;
                workers[w] = Task.Run(
                    async () =>
                    {
                        var mine = new List<double>(requests / concurrency + 1);
                        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
                        try
                        {
                            for (int i; (i = Interlocked.Increment(ref next)) < ids.Length;)
                            {
                                var started = Stopwatch.GetTimestamp();
                                var (status, length) = kind switch
                                {
                                    LoadClient.RawSocket => await socket!.SendAsync(raw[i], ct).ConfigureAwait(false),
                                    LoadClient.HttpClient => await LeanGetAsync(client!, uris[i], buffer, ct).ConfigureAwait(false),
                                    _ => await PlainGetAsync(client!, uris[i], ct).ConfigureAwait(false),
                                };
                                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                                if (status != (int)HttpStatusCode.OK || length == 0)
                                {
                                    throw new InvalidOperationException($"GET /v1/feed for user {ids[i]} answered {status}.");
                                }
                            }
                        }
                        finally
                        {
                            ArrayPool<byte>.Shared.Return(buffer);
                        }

                        lock (latencies)
                        {
                            latencies.AddRange(mine);
                        }
                    },
                    ct);
            }

            await Task.WhenAll(workers).ConfigureAwait(false);
            return WithCosts(EngineBenchWorld.Summary(latencies, wall.Elapsed.TotalSeconds), cost, ids.Length);
        }
        finally
        {
            foreach (var socket in sockets)
            {
                socket?.Dispose();
            }
        }
    }

    private static async Task<(int Status, int Length)> LeanGetAsync(HttpClient client, Uri uri, byte[] buffer, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        var body = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            var length = 0;
            for (int read; (read = await body.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0;)
            {
                length += read; // a page of 10 is ~1.3 KB: one or two reads; the bytes are overwritten, only counted
            }

            return ((int)response.StatusCode, length);
        }
    }

    private static async Task<(int Status, int Length)> PlainGetAsync(HttpClient client, Uri uri, CancellationToken ct)
    {
        using var response = await client.GetAsync(uri, ct).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
        return ((int)response.StatusCode, body.Length);
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
