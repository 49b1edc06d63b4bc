using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

using Whisper.Cli.Bench;
using Whisper.Cli.Commands.Parity;
using Whisper.Cli.Console;
using Whisper.Parity.Measures;
using Whisper.Parity.Shadow;
using Whisper.Server.Client;

namespace Whisper.Cli.Commands;

/// <summary>
/// <c>whisper bench parity</c>: a source and a fork built from the same world (trained separately), each an engine served over loopback HTTP. Users' traffic
/// goes to the source alone (baseline), then again with every served request mirrored to a shadow runner that asks
/// both regions and measures the pair. Prints JSON: shadow comparisons per second, and the source's p99 without and
/// with shadowing in the same run (the overhead shadowing adds to the source).
/// </summary>
public static class BenchParityCommand
{
    public static Command Create(CliConsole console)
    {
        var world = new BenchFeedCommand.WorldFlags(days: 7);
        var requests = new Option<int>("--requests") { Description = "User requests to the source per phase.", DefaultValueFactory = _ => 2_000 };
        var clients = new Option<int>("--clients") { Description = "Concurrent user clients.", DefaultValueFactory = _ => 2 };
        var shadow = new Option<int>("--shadow-concurrency") { Description = "Shadow comparisons in flight at once.", DefaultValueFactory = _ => 2 };
        var command = new Command("parity", "Measure shadow comparisons per second and the p99 overhead shadowing adds to the source, both regions on loopback HTTP.")
        {
            requests, clients, shadow,
        };
        world.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var (options, folder) = world.Resolve(parse);
            var n = BenchIngestCommand.Positive(parse.GetValue(requests), "--requests");
            var c = BenchIngestCommand.Positive(parse.GetValue(clients), "--clients");
            var s = BenchIngestCommand.Positive(parse.GetValue(shadow), "--shadow-concurrency");
            await using var source = await EngineBenchWorld.CreateAsync(console, options, folder, o => o with { Feed = o.Feed with { RetryWindow = TimeSpan.Zero } }, ct).ConfigureAwait(false);
            await using var fork = await EngineBenchWorld.CreateAsync(console, options, folder + "-fork", o => o with { Feed = o.Feed with { RetryWindow = TimeSpan.Zero } }, ct).ConfigureAwait(false);
            using var sourceHttp = new HttpClient { BaseAddress = new Uri(source.BaseUrl + "/") };
            using var forkHttp = new HttpClient { BaseAddress = new Uri(fork.BaseUrl + "/") };
            var users = source.Engine.Catalog.UserCount;
            var userClient = new WhisperClient(sourceHttp, source.Key);

            _ = await LoadAsync(userClient, null, n / 4, c, users, options.Seed, ct).ConfigureAwait(false); // warm-up
            var baseline = await LoadAsync(userClient, null, n, c, users, options.Seed + 1, ct).ConfigureAwait(false);

            var mirror = new ShadowMirror();
            var runner = new ShadowRunner(new HttpFeedRegion("source", new WhisperClient(sourceHttp, source.Key)), new HttpFeedRegion("fork", new WhisperClient(forkHttp, fork.Key)), new ShadowOptions { Concurrency = s });
            var clock = Stopwatch.StartNew();
            var shadowing = Task.Run(() => runner.RunAsync(mirror.Reader, cancellationToken: ct), ct);
            var shadowed = await LoadAsync(userClient, mirror, n, c, users, options.Seed + 1, ct).ConfigureAwait(false);
            mirror.Complete();
            var records = await shadowing.ConfigureAwait(false);
            var shadowSeconds = clock.Elapsed.TotalSeconds;
            var measures = ParityMeasures.Of(records).Overall;

            var json = new JsonObject
            {
                ["benchmark"] = "parity",
                ["cores"] = Environment.ProcessorCount,
                ["world"] = new JsonObject { ["users"] = options.Users, ["videos"] = options.Videos, ["days"] = options.Days, ["seed"] = options.Seed },
                ["requests_per_phase"] = n,
                ["clients"] = c,
                ["shadow_concurrency"] = s,
                ["baseline_source_only"] = Summary(baseline),
                ["with_shadowing"] = Summary(shadowed),
                ["source_p99_overhead_ms"] = shadowed.P99Ms - baseline.P99Ms,
                ["source_p99_overhead_percent"] = baseline.P99Ms > 0 ? 100 * (shadowed.P99Ms - baseline.P99Ms) / baseline.P99Ms : 0,
                ["shadow_comparisons"] = records.Count,
                ["shadow_dropped"] = mirror.Dropped,
                ["shadow_comparisons_per_second"] = records.Count / shadowSeconds,
                ["shadow_seconds"] = shadowSeconds,
                ["fork_rbo_at_10"] = measures.Rbo10,
                ["shadow_errors"] = measures.SourceLatency.Errors + measures.ForkLatency.Errors,
            };
            console.Out.WriteLine(json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Closed-loop user traffic: <paramref name="clients"/> callers, random users, first pages of 10; each served request is offered to the mirror.</summary>
    private static async Task<LatencySummary> LoadAsync(WhisperClient client, ShadowMirror? mirror, int requests, int clients, int users, long seed, CancellationToken ct)
    {
        var latencies = new double[requests];
        var next = -1;
        var random = new Random((int)seed);
        var ids = new long[requests];
        for (var i = 0; i < requests; i++)
        {
            ids[i] = random.Next(1, users + 1);
        }

        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests)
            {
                var t = Stopwatch.GetTimestamp();
                await client.GetFeedAsync(ids[i], 10, cancellationToken: ct).ConfigureAwait(false);
                latencies[i] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
                mirror?.Offer(ids[i], DateTimeOffset.UtcNow, 10);
            }
        }, ct))).ConfigureAwait(false);
        return LatencySummary.Of(latencies, 0);
    }

    private static JsonObject Summary(LatencySummary l) => new() { ["p50_ms"] = l.P50Ms, ["p99_ms"] = l.P99Ms, ["mean_ms"] = l.MeanMs, ["requests"] = l.Requests };
}
