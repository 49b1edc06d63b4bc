using System.Diagnostics;
using System.Text.RegularExpressions;

using Microsoft.AspNetCore.Builder;

using Whisper.Cli.Commands;
using Whisper.Cli.Console;
using Whisper.Cli.Demo;
using Whisper.Recommendation.Engine;
using Whisper.Server;
using Whisper.Storage;
using Whisper.World.Generation;

namespace Whisper.Cli.Bench;

/// <summary>
/// What the feed benchmarks share: a generated world in a SQLite store (reused when the folder already holds it), the
/// engine over it (trained, indexed) and the real server on 127.0.0.1:0 with an all-roles key.
/// </summary>
public sealed partial class EngineBenchWorld : IAsyncDisposable
{
    private EngineBenchWorld(IWhisperStore store, RecommendationEngine engine, WebApplication app, string key, double startupSeconds, long events)
    {
        Store = store;
        Engine = engine;
        App = app;
        Key = key;
        StartupSeconds = startupSeconds;
        Events = events;
    }

    public IWhisperStore Store { get; }

    public RecommendationEngine Engine { get; }

    public WebApplication App { get; }

    public string Key { get; }

    public string BaseUrl => App.Urls.First().TrimEnd('/');

    public double StartupSeconds { get; }

    public long Events { get; }

    /// <summary>When false, the server's ingest hook does not nudge the engine (freshness baseline).</summary>
    public bool NudgeOnIngest { get; set; } = true;

    public static WorldOptions ValidWorld(WorldOptions world)
    {
        ArgumentNullException.ThrowIfNull(world);
        var problems = world.Validate();
        if (problems.Count > 0)
        {
            // The generator names its properties (Users); the CLI user knows the flags (--users).
            throw new UsageException(FlagName().Replace(string.Join(" ", problems), m => "--" + m.Value.ToLowerInvariant()));
        }

        return world;
    }

    public static async Task<EngineBenchWorld> CreateAsync(CliConsole console, WorldOptions world, string dataDirectory, Func<RecommendationEngineOptions, RecommendationEngineOptions> configure, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(configure);
        Directory.CreateDirectory(dataDirectory);
        var quiet = console with { Out = console.Error };
        var store = await WhisperStores.OpenAsync(new StoreOptions(StoreProvider.Sqlite, Path.Combine(dataDirectory, "whisper.db")), ct).ConfigureAwait(false);
        try
        {
            await WorldGenerateCommand.WriteWorldAsync(quiet, world, store, Path.Combine(dataDirectory, "ground-truth.wgt"), ct).ConfigureAwait(false);
            var events = await store.Events.GetHeadAsync(ct).ConfigureAwait(false);
            var keys = Path.Combine(dataDirectory, "api-keys.json");
            var key = await DemoKey.EnsureAsync(keys, Path.Combine(dataDirectory, "bench-api-key"), ct).ConfigureAwait(false);
            var started = Stopwatch.StartNew();
            var engine = await EngineStartup.StartAsync(quiet, store, configure(EngineStartup.Options(Path.Combine(dataDirectory, "model"))), ct).ConfigureAwait(false);
            var startup = started.Elapsed.TotalSeconds;
            EngineBenchWorld? bench = null;
            var app = WhisperServerApp.Build(
                new WhisperServerSettings { Urls = "http://127.0.0.1:0", ApiKeysPath = keys }, store, CliLogging.Configure(verbose: false), engine.Feed,
                () =>
                {
                    if (bench?.NudgeOnIngest != false)
                    {
                        engine.Nudge();
                    }
                });
            await app.StartAsync(ct).ConfigureAwait(false);
            bench = new EngineBenchWorld(store, engine, app, key, startup, events);
            return bench;
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync().ConfigureAwait(false);
        await App.DisposeAsync().ConfigureAwait(false);
        await Engine.DisposeAsync().ConfigureAwait(false);
        await Store.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>p50/p99 in ms and the rate, from per-request latencies (ms) over a wall time.</summary>
    public static Dictionary<string, object> Summary(List<double> latenciesMs, double wallSeconds)
    {
        ArgumentNullException.ThrowIfNull(latenciesMs);
        latenciesMs.Sort();
        var n = latenciesMs.Count;
        return new Dictionary<string, object>
        {
            ["requests"] = n,
            ["p50_ms"] = n == 0 ? 0 : Math.Round(latenciesMs[n / 2], 3),
            ["p99_ms"] = n == 0 ? 0 : Math.Round(latenciesMs[Math.Min(n - 1, n * 99 / 100)], 3),
            ["max_ms"] = n == 0 ? 0 : Math.Round(latenciesMs[^1], 3),
            ["feeds_per_s"] = wallSeconds <= 0 ? 0 : Math.Round(n / wallSeconds, 1),
        };
    }

    /// <summary>The 1-minute load average (Linux), so reports say how busy the shared box was.</summary>
    public static double? LoadAverage()
    {
        try
        {
            var text = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg") : null;
            return text is null ? null : double.Parse(text.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"\b(Users|Videos|Days|Seed)\b")]
    private static partial Regex FlagName();
}
