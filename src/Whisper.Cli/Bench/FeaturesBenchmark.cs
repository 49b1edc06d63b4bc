using System.Diagnostics;
using System.Text.Json.Nodes;

using StackExchange.Redis;

using Whisper.Cli.Console;
using Whisper.Core.Domain;
using Whisper.FeatureStore.Definitions;
using Whisper.FeatureStore.Offline;
using Whisper.FeatureStore.Online;

namespace Whisper.Cli.Bench;

/// <summary>
/// Feature-store figures as JSON: online reads of 20 features for one user (p50/p99, in-process, and Redis on loopback when
/// an address is given) against a same-run baseline (a plain <see cref="Dictionary{TKey,TValue}"/> of the same 20
/// values, no TTL), and the offline point-in-time build (rows/s) against a same-run leaky baseline that reads each user's
/// final count (what a join without point-in-time correctness would do). Single-threaded; each read timed alone.
/// </summary>
public static class FeaturesBenchmark
{
    public const int FeaturesPerRead = 20;
    public const double TargetP99Microseconds = 50;

    public sealed record Settings
    {
        public int Users { get; init; } = 10_000;

        public int Reads { get; init; } = 200_000;

        public int Events { get; init; } = 1_000_000;

        public int Rows { get; init; } = 200_000;

        public int Seed { get; init; } = 42;

        /// <summary>host:port of a Redis/Garnet server, or null to skip the Redis figures.</summary>
        public string? Redis { get; init; }

        public int RedisReads { get; init; } = 20_000;
    }

    public static JsonObject Run(Settings settings, IProgress<WorkProgress> progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(progress);
        var registry = TwentyUserFeatures();
        var ids = Enumerable.Range(0, FeaturesPerRead).ToArray();
        var time = TimeProvider.System;
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var random = new Random(settings.Seed);

        progress.Report(new WorkProgress("online in-process", 0, settings.Reads));
        var store = new InProcessOnlineFeatureStore(registry, time);
        var baseline = new Dictionary<long, double[]>(settings.Users);
        for (var user = 1; user <= settings.Users; user++)
        {
            var row = new double[FeaturesPerRead];
            for (var f = 0; f < FeaturesPerRead; f++)
            {
                row[f] = random.Next(0, 1_000);
                store.Write(FeatureEntity.User, user, f, row[f], now - random.Next(0, 60_000));
            }

            baseline[user] = row;
        }

        var users = new long[settings.Reads];
        for (var i = 0; i < users.Length; i++)
        {
            users[i] = random.Next(1, settings.Users + 1);
        }

        var values = new double[FeaturesPerRead];
        var inProcess = Time(users, u => store.ReadMany(FeatureEntity.User, u, ids, values));
        var dictionary = Time(users, u => baseline[u].AsSpan().CopyTo(values));
        progress.Report(new WorkProgress("online in-process", settings.Reads, settings.Reads));
        ct.ThrowIfCancellationRequested();

        var result = new JsonObject
        {
            ["benchmark"] = "features",
            ["features_per_read"] = FeaturesPerRead,
            ["users"] = settings.Users,
            ["reads"] = settings.Reads,
            ["seed"] = settings.Seed,
            ["online_in_process"] = Figures(inProcess),
            ["baseline_dictionary"] = Figures(dictionary),
            ["in_process_p99_vs_dictionary"] = Math.Round(Percentile(inProcess, 0.99) / Math.Max(Percentile(dictionary, 0.99), 1e-3), 2),
            ["target_p99_us"] = TargetP99Microseconds,
            ["meets_target"] = Percentile(inProcess, 0.99) <= TargetP99Microseconds,
        };
        if (settings.Redis is { } address)
        {
            result["online_redis"] = RunRedis(address, registry, ids, settings, progress, ct);
        }

        result["offline_point_in_time"] = RunOffline(settings, progress, ct);
        return result;
    }

    /// <summary>20 user features (counts, sums, last) with 1 h TTL: the shape of one ranking request's user side.</summary>
    public static FeatureRegistry TwentyUserFeatures() => FeatureRegistry.Create(
        [.. Enumerable.Range(0, FeaturesPerRead).Select(i => new FeatureDefinition(
            $"bench_user_{i:00}", FeatureEntity.User, FeatureValueType.Real, FeatureSource.FromTable("bench"), null, TimeSpan.FromHours(1), 0, "bench"))]);

    private static JsonObject RunRedis(string address, FeatureRegistry registry, int[] ids, Settings settings, IProgress<WorkProgress> progress, CancellationToken ct)
    {
        ConnectionMultiplexer connection;
        try
        {
            connection = ConnectionMultiplexer.Connect(address + ",abortConnect=true,connectTimeout=3000,allowAdmin=true");
        }
        catch (Exception e) when (e is RedisConnectionException or ArgumentException)
        {
            throw new UsageException($"--redis {address}: cannot connect ({e.Message.Split('\n')[0].TrimEnd('.')}); start redis-server there or pass another host:port.");
        }

        using (connection)
        {
            var prefix = $"whisper-bench:{Guid.NewGuid():N}:";
            var store = new RedisOnlineFeatureStore(connection.GetDatabase(), registry, TimeProvider.System, new RedisOnlineStoreOptions { KeyPrefix = prefix });
            var users = Math.Min(settings.Users, 2_000);
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            for (var user = 1; user <= users; user++)
            {
                for (var f = 0; f < FeaturesPerRead; f++)
                {
                    store.Write(FeatureEntity.User, user, f, f, now);
                }

                if (user % 200 == 0)
                {
                    progress.Report(new WorkProgress("redis load", user, users));
                }
            }

            var random = new Random(settings.Seed);
            var reads = new long[settings.RedisReads];
            for (var i = 0; i < reads.Length; i++)
            {
                reads[i] = random.Next(1, users + 1);
            }

            var values = new double[FeaturesPerRead];
            var latencies = Time(reads, u => store.ReadMany(FeatureEntity.User, u, ids, values));
            ct.ThrowIfCancellationRequested();
            var server = connection.GetServers()[0];
            var db = connection.GetDatabase();
            foreach (var key in server.Keys(pattern: prefix + "*"))
            {
                db.KeyDelete(key, CommandFlags.FireAndForget);
            }

            var figures = Figures(latencies);
            figures["address"] = address;
            figures["server_version"] = server.Version.ToString();
            figures["users_loaded"] = users;
            figures["round_trips_per_read"] = 1;
            return figures;
        }
    }

    private static JsonObject RunOffline(Settings settings, IProgress<WorkProgress> progress, CancellationToken ct)
    {
        var registry = DefaultFeatures.CreateRegistry();
        var random = new Random(settings.Seed + 1);
        var start = DateTimeOffset.FromUnixTimeMilliseconds(1_767_225_600_000);
        const int Videos = 50_000;
        var spanMs = TimeSpan.FromDays(7).TotalMilliseconds;
        var events = new EngagementEvent[settings.Events];
        EventKind[] kinds = [EventKind.Impression, EventKind.Impression, EventKind.View, EventKind.View, EventKind.Skip, EventKind.Like, EventKind.Share, EventKind.Follow];
        for (var i = 0; i < events.Length; i++)
        {
            var at = start.AddMilliseconds(spanMs * i / events.Length);
            var kind = kinds[random.Next(kinds.Length)];
            events[i] = new EngagementEvent(Guid.Empty, random.Next(1, settings.Users + 1), random.Next(1, Videos + 1), kind, at, kind is EventKind.View or EventKind.Skip ? random.Next(0, 30_000) : 0);
        }

        var keys = new TrainingRowKey[settings.Rows];
        for (var i = 0; i < keys.Length; i++)
        {
            var video = random.Next(1, Videos + 1);
            keys[i] = new TrainingRowKey(start.ToUnixTimeMilliseconds() + (long)(random.NextDouble() * spanMs), random.Next(1, settings.Users + 1), video, CreatorOf(video));
        }

        progress.Report(new WorkProgress("offline point-in-time", 0, 1));
        var features = Enumerable.Range(0, registry.Count).ToArray();
        var clock = Stopwatch.StartNew();
        var join = new PointInTimeJoin(registry, features, keys, CreatorOf);
        for (var i = 0; i < events.Length; i++)
        {
            join.Observe(events[i]);
            if ((i & 65_535) == 0)
            {
                ct.ThrowIfCancellationRequested();
            }
        }

        var result = join.Complete();
        var seconds = clock.Elapsed.TotalSeconds;
        progress.Report(new WorkProgress("offline point-in-time", 1, 1));

        // Leaky baseline: one pass counting views per user, then each row reads the user's final count.
        clock.Restart();
        var finalViews = new Dictionary<long, long>();
        foreach (var e in events)
        {
            if (e.Kind == EventKind.View)
            {
                finalViews[e.UserId] = finalViews.GetValueOrDefault(e.UserId) + 1;
            }
        }

        var leaky = new double[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            leaky[i] = finalViews.GetValueOrDefault(keys[i].UserId);
        }

        var baselineSeconds = clock.Elapsed.TotalSeconds;
        return new JsonObject
        {
            ["events"] = settings.Events,
            ["rows"] = settings.Rows,
            ["features_per_row"] = registry.Count,
            ["seconds"] = Math.Round(seconds, 3),
            ["rows_per_s"] = Math.Round(settings.Rows / seconds),
            ["events_per_s"] = Math.Round(settings.Events / seconds),
            ["fresh_values"] = result.Fresh,
            ["missing_values"] = result.Missing,
            ["expired_values"] = result.Expired,
            ["baseline_leaky_final_count_rows_per_s"] = Math.Round(settings.Rows / baselineSeconds),
            ["baseline_note"] = "one pass counting views per user, each row reading the final count: no windows, no TTL, future data leaks",
        };
    }

    private static long CreatorOf(long video) => 1 + (video % 5_000);

    private static double[] Time(long[] users, Action<long> read)
    {
        for (var i = 0; i < Math.Min(users.Length, 10_000); i++)
        {
            read(users[i]); // warm up: JIT tiers, caches
        }

        var micros = new double[users.Length];
        var toMicros = 1_000_000.0 / Stopwatch.Frequency;
        for (var i = 0; i < users.Length; i++)
        {
            var t0 = Stopwatch.GetTimestamp();
            read(users[i]);
            micros[i] = (Stopwatch.GetTimestamp() - t0) * toMicros;
        }

        Array.Sort(micros);
        return micros;
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];

    private static JsonObject Figures(double[] sorted) => new()
    {
        ["p50_us"] = Math.Round(Percentile(sorted, 0.50), 3),
        ["p99_us"] = Math.Round(Percentile(sorted, 0.99), 3),
        ["max_us"] = Math.Round(sorted.Length == 0 ? 0 : sorted[^1], 3),
        ["reads_per_s"] = Math.Round(sorted.Length / Math.Max(sorted.Sum() / 1_000_000.0, 1e-9)),
    };
}
