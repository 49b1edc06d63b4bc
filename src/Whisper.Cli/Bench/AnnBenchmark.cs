using System.Diagnostics;
using System.Text.Json.Nodes;

using Whisper.Cli.Console;
using Whisper.Recommendation.Candidates;

namespace Whisper.Cli.Bench;

/// <summary>
/// Measures the HNSW index (<see cref="AnnIndex"/>) against exact search (<see cref="ExactVectorIndex"/>, the same-run
/// baseline) on the same seeded vectors: Recall@10, queries/s of both, build time, online insert and update rates, and
/// search throughput while updates run. Vectors mimic two-tower embeddings: Gaussian clusters (tastes/topics) with
/// log-normal norms (popularity), so inner-product search is not cosine search; queries (users) come from the same
/// clusters. Single-threaded unless stated.
/// </summary>
public static class AnnBenchmark
{
    public const int K = 10;
    public const double TargetRecall = 0.95;

    /// <summary>Benchmark shape; the defaults are the documented run.</summary>
    public sealed record Settings
    {
        public int Vectors { get; init; } = 100_000;

        public int Dimensions { get; init; } = 32;

        public int Queries { get; init; } = 1_000;

        public int Inserts { get; init; } = 10_000;

        public int Clusters { get; init; } = 256;

        public int Seed { get; init; } = 42;

        public AnnIndexOptions Index { get; init; } = AnnIndexOptions.Default;
    }

    public static JsonObject Run(Settings settings, IProgress<WorkProgress> progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(progress);
        var d = settings.Dimensions;
        var random = new Random(settings.Seed);
        var centers = new float[settings.Clusters][];
        for (var c = 0; c < centers.Length; c++)
        {
            centers[c] = Gaussian(random, d, 1f, 1f);
        }

        var videos = Draw(random, centers, settings.Vectors);
        var queries = Draw(random, centers, settings.Queries);
        var inserts = Draw(random, centers, settings.Inserts);
        var updates = Draw(random, centers, settings.Inserts);

        // These clustered vectors suit a graph on the inner product itself; the transform the engine uses on its trained
        // vectors is measured on the same data below (transformed_space_recall_at_10).
        using var ann = new AnnIndex(d, settings.Index with { Space = AnnSearchSpace.InnerProduct });
        using var exact = new ExactVectorIndex(d, settings.Vectors + settings.Inserts);
        var clock = Stopwatch.StartNew();
        Build(ann, videos, "build HNSW", progress, ct);
        var buildSeconds = clock.Elapsed.TotalSeconds;
        for (var i = 0; i < videos.Length; i++)
        {
            exact.Upsert(i + 1, videos[i]);
        }

        var (exactQps, truth) = SearchAll(exact, queries, progress, "exact search", ct);
        var (annQps, found) = SearchAll(ann, queries, progress, "HNSW search", ct);
        var recall = Recall(truth, found);
        var transformedRecall = TransformedRecall(d, settings, videos, queries, truth, progress, ct);

        // Online: new videos, then new vectors for existing videos (remove + add in USearch), no rebuild.
        clock.Restart();
        for (var i = 0; i < inserts.Length; i++)
        {
            ann.Upsert(settings.Vectors + i + 1, inserts[i]);
        }

        var insertRate = inserts.Length / clock.Elapsed.TotalSeconds;
        clock.Restart();
        for (var i = 0; i < updates.Length; i++)
        {
            ann.Upsert(UpdatedId(i, settings.Vectors), updates[i]);
        }

        var updateRate = updates.Length / clock.Elapsed.TotalSeconds;
        progress.Report(new WorkProgress("online inserts", 1, 1));
        for (var i = 0; i < inserts.Length; i++)
        {
            exact.Upsert(settings.Vectors + i + 1, inserts[i]);
        }

        for (var i = 0; i < updates.Length; i++)
        {
            exact.Upsert(UpdatedId(i, settings.Vectors), updates[i]);
        }

        var (_, truthAfter) = SearchAll(exact, queries, progress, "exact search after", ct);
        var (_, foundAfter) = SearchAll(ann, queries, progress, "HNSW search after", ct);

        var (concurrentQps, concurrentUpdateRate) = SearchDuringUpdates(ann, queries, updates, settings.Vectors, ct);

        return new JsonObject
        {
            ["benchmark"] = "ann",
            ["vectors"] = settings.Vectors,
            ["dimensions"] = d,
            ["queries"] = settings.Queries,
            ["k"] = K,
            ["seed"] = settings.Seed,
            ["data"] = $"clustered random: {settings.Clusters} Gaussian clusters, per-vector log-normal norm (sigma 0.25); queries from the same clusters",
            ["metric"] = "inner product (the model's score)",
            ["index"] = new JsonObject
            {
                ["library"] = "Cloud.Unum.USearch 2.26.6 (HNSW, f32)",
                ["simd"] = ann.HardwareAcceleration,
                ["connectivity"] = settings.Index.Connectivity,
                ["expansion_add"] = settings.Index.ExpansionAdd,
                ["expansion_search"] = settings.Index.ExpansionSearch,
            },
            ["recall_at_10"] = Math.Round(recall, 4),
            ["target_recall_at_10"] = TargetRecall,
            ["meets_target"] = recall >= TargetRecall,
            ["hnsw_queries_per_s"] = Math.Round(annQps),
            ["baseline_exact_queries_per_s"] = Math.Round(exactQps),
            ["hnsw_vs_exact_speedup"] = Math.Round(annQps / exactQps, 1),
            ["build_seconds"] = Math.Round(buildSeconds, 2),
            ["build_vectors_per_s"] = Math.Round(videos.Length / buildSeconds),
            ["online_inserts"] = inserts.Length,
            ["online_inserts_per_s"] = Math.Round(insertRate),
            ["online_updates_per_s"] = Math.Round(updateRate),
            ["transformed_space_recall_at_10"] = Math.Round(transformedRecall, 4),
            ["recall_at_10_after_online_changes"] = Math.Round(Recall(truthAfter, foundAfter), 4),
            ["hnsw_queries_per_s_during_updates"] = Math.Round(concurrentQps),
            ["updates_per_s_during_searches"] = Math.Round(concurrentUpdateRate),
            ["lock_overhead_ns_per_search"] = Math.Round(LockOverheadNanoseconds(), 1),
            ["processor_count"] = Environment.ProcessorCount,
        };
    }

    private static long UpdatedId(int i, int vectors) => 1 + ((i * 7_919L) % vectors);

    /// <summary>Inserts <paramref name="videos"/> as ids 1..n, one by one, reporting progress.</summary>
    private static void Build(AnnIndex ann, float[][] videos, string stage, IProgress<WorkProgress> progress, CancellationToken ct)
    {
        for (var i = 0; i < videos.Length; i++)
        {
            ann.Upsert(i + 1, videos[i]);
            if ((i & 4095) == 0)
            {
                ct.ThrowIfCancellationRequested();
                progress.Report(new WorkProgress(stage, i, videos.Length));
            }
        }

        progress.Report(new WorkProgress(stage, videos.Length, videos.Length));
    }

    /// <summary>
    /// Recall@10 of an index in <see cref="AnnSearchSpace.L2Transform"/> (bound 1.25 × the longest vector, as the engine
    /// sets it) on the same vectors and queries: the space the engine uses on its trained vectors, for comparison.
    /// </summary>
    private static double TransformedRecall(int d, Settings settings, float[][] videos, float[][] queries, long[][] truth, IProgress<WorkProgress> progress, CancellationToken ct)
    {
        var longest = videos.Max(v => MathF.Sqrt(v.Sum(x => x * x)));
        using var transformed = new AnnIndex(d, settings.Index with { Space = AnnSearchSpace.L2Transform, MaxNorm = 1.25f * longest });
        Build(transformed, videos, "build transformed HNSW", progress, ct);
        return Recall(truth, SearchAll(transformed, queries, progress, "transformed search", ct).Ids);
    }

    private static (double QueriesPerSecond, long[][] Ids) SearchAll(IVideoVectorIndex index, float[][] queries, IProgress<WorkProgress> progress, string stage, CancellationToken ct)
    {
        var ids = new long[queries.Length][];
        var found = new VectorMatch[K];
        var clock = Stopwatch.StartNew();
        for (var q = 0; q < queries.Length; q++)
        {
            var n = index.Search(queries[q], found);
            var row = new long[n];
            for (var i = 0; i < n; i++)
            {
                row[i] = found[i].VideoId;
            }

            ids[q] = row;
            if ((q & 255) == 0)
            {
                ct.ThrowIfCancellationRequested();
                progress.Report(new WorkProgress(stage, q, queries.Length));
            }
        }

        var qps = queries.Length / clock.Elapsed.TotalSeconds;
        progress.Report(new WorkProgress(stage, queries.Length, queries.Length));
        return (qps, ids);
    }

    /// <summary>One writer re-inserting vectors while one reader searches, both for a fixed amount of work; rates over the overlap.</summary>
    private static (double QueriesPerSecond, double UpdatesPerSecond) SearchDuringUpdates(AnnIndex ann, float[][] queries, float[][] updates, int vectors, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var writer = Task.Run(
            () =>
            {
                for (var i = 0; i < updates.Length; i++)
                {
                    ann.Upsert(UpdatedId(updates.Length - 1 - i, vectors), updates[i]);
                }

                return clock.Elapsed.TotalSeconds;
            },
            ct);
        var found = new VectorMatch[K];
        var searched = 0;
        while (!writer.IsCompleted)
        {
            ann.Search(queries[searched++ % queries.Length], found);
        }

        var searchSeconds = clock.Elapsed.TotalSeconds;
        var writeSeconds = writer.GetAwaiter().GetResult();
        return (searched / searchSeconds, updates.Length / writeSeconds);
    }

    /// <summary>Uncontended cost of the two primitives AnnIndex.Search takes (a reader lock and a search slot).</summary>
    private static double LockOverheadNanoseconds()
    {
        const int Rounds = 1_000_000;
        using var rw = new ReaderWriterLockSlim(LockRecursionPolicy.NoRecursion);
        using var slots = new SemaphoreSlim(Environment.ProcessorCount, Environment.ProcessorCount);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Rounds; i++)
        {
            slots.Wait();
            rw.EnterReadLock();
            rw.ExitReadLock();
            slots.Release();
        }

        return clock.Elapsed.TotalMilliseconds * 1e6 / Rounds;
    }

    private static double Recall(long[][] truth, long[][] found)
    {
        double hits = 0;
        for (var q = 0; q < truth.Length; q++)
        {
            foreach (var id in found[q])
            {
                if (Array.IndexOf(truth[q], id) >= 0)
                {
                    hits++;
                }
            }
        }

        return hits / (truth.Length * (double)K);
    }

    private static float[][] Draw(Random random, float[][] centers, int count)
    {
        var d = centers[0].Length;
        var scaleToUnit = 1f / MathF.Sqrt(d);
        var vectors = new float[count][];
        for (var i = 0; i < count; i++)
        {
            var center = centers[random.Next(centers.Length)];
            var norm = (float)Math.Exp(0.25 * NextGaussian(random)) * scaleToUnit;
            var v = Gaussian(random, d, 0.5f, norm);
            for (var j = 0; j < d; j++)
            {
                v[j] += center[j] * norm;
            }

            vectors[i] = v;
        }

        return vectors;
    }

    private static float[] Gaussian(Random random, int d, float sigma, float scale)
    {
        var v = new float[d];
        for (var j = 0; j < d; j++)
        {
            v[j] = (float)NextGaussian(random) * sigma * scale;
        }

        return v;
    }

    private static double NextGaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
