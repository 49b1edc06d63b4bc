using System.CommandLine;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

using Whisper.Cli.Bench;
using Whisper.Cli.Console;
using Whisper.Cutover.Cohorts;
using Whisper.Cutover.Control;
using Whisper.Cutover.Gateway;
using Whisper.Cutover.Geo;
using Whisper.Cutover.Simulation;

namespace Whisper.Cli.Commands;

/// <summary>
/// <c>whisper bench gateway</c>: the cutover gateway's proxy overhead against direct calls to the same loopback
/// backend in the same run (p50/p99 added, requests/s through the gateway and direct), and geo lookups/s over the
/// shipped database, as JSON. Targets: p99 added ≤ 1 ms, ≥ 5,000 requests/s; exit 1 when a target is missed.
/// </summary>
public static class BenchGatewayCommand
{
    public static Command Create(CliConsole console)
    {
        var requests = new Option<int>("--requests") { Description = "Sequential requests timed per side (direct and through the gateway, interleaved in blocks).", DefaultValueFactory = _ => 20_000 };
        var connections = new Option<int>("--connections") { Description = "Keep-alive connections for the throughput run.", DefaultValueFactory = _ => 16 };
        var seconds = new Option<double>("--seconds") { Description = "Length of each throughput run.", DefaultValueFactory = _ => 3.0 };
        var lookups = new Option<int>("--lookups") { Description = "Geo lookups timed per address family.", DefaultValueFactory = _ => 2_000_000 };
        var command = new Command("gateway", "Measure the cutover gateway: proxy overhead against direct loopback calls (same run), requests/s, geo lookups/s.") { requests, connections, seconds, lookups };
        command.SetAction(async (parse, ct) =>
        {
            var settings = new GatewayBenchmark.Settings(
                parse.GetValue(requests) is var r and >= 100 ? r : throw new UsageException("--requests must be at least 100."),
                parse.GetValue(connections) is var c and >= 1 and <= 512 ? c : throw new UsageException("--connections must be 1 to 512."),
                parse.GetValue(seconds) is var s and > 0 and <= 600 ? s : throw new UsageException("--seconds must be above 0 and at most 600."),
                parse.GetValue(lookups) is var l and >= 1000 ? l : throw new UsageException("--lookups must be at least 1000."));
            var result = await GatewayBenchmark.RunAsync(settings, ct).ConfigureAwait(false);
            console.Out.WriteLine(result.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            return result["targets"]!["met"]!.GetValue<bool>() ? ExitCodes.Ok : ExitCodes.Failed;
        });
        return command;
    }
}

/// <summary>The measurement behind <see cref="BenchGatewayCommand"/>: one backend, the gateway in front of it, both on loopback.</summary>
internal static class GatewayBenchmark
{
    private const double P99AddedTargetMs = 1.0;
    private const double ThroughputTarget = 5_000;

    public sealed record Settings(int Requests, int Connections, double Seconds, int Lookups);

    public static async Task<JsonObject> RunAsync(Settings settings, CancellationToken ct)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"whisper-bench-gateway-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        WebApplication? backend = null, front = null;
        CutoverGateway? gateway = null;
        try
        {
            backend = await StartAsync(app => app.MapGet("/v1/feed", () => Results.Text("{\"items\":[1,2,3,4,5,6,7,8,9,10]}", "application/json")), ct).ConfigureAwait(false);
            var backendUrl = new Uri(backend.Urls.First());

            // Every step applied: each request is a resident in a moved cohort, so it takes the full path (geo, hash, fork cluster, traffic monitor).
            var plan = Path.Combine(folder, "plan.json");
            await File.WriteAllTextAsync(plan, CutoverSimulation.DefaultPlanJson, ct).ConfigureAwait(false);
            var state = Path.Combine(folder, "state.json");
            var steps = CutoverPlanReader.Parse(CutoverSimulation.DefaultPlanJson).Steps.Count;
            CutoverStateFile.Save(state, CutoverState.Initial("us-2026") with { StepsApplied = steps });
            gateway = CutoverGateway.Create(new CutoverGatewayOptions
            {
                Source = [backendUrl],
                Fork = [backendUrl],
                PlanPath = plan,
                StatePath = state,
                WatchGeoFiles = false,
                TrustedProxies = [IPNetwork.Parse("127.0.0.0/8")],
            });
            var g = gateway;
            front = await StartAsync(app => app.MapCutoverGateway(), ct, services => services.AddCutoverGateway(g, runLoop: false)).ConfigureAwait(false);
            var frontUrl = new Uri(front.Urls.First());

            static byte[] Request(Uri url, int user) => Encoding.ASCII.GetBytes($"GET /v1/feed?user={user} HTTP/1.1\r\nHost: {url.Authority}\r\nX-Forwarded-For: 8.8.8.8\r\n\r\n");
            var directRequests = Enumerable.Range(1, 64).Select(u => Request(backendUrl, u)).ToArray();
            var gatewayRequests = Enumerable.Range(1, 64).Select(u => Request(frontUrl, u)).ToArray();

            var (direct, through) = await LatenciesAsync(backendUrl, directRequests, frontUrl, gatewayRequests, settings.Requests, ct).ConfigureAwait(false);
            var directRps = await ThroughputAsync(backendUrl, directRequests, settings, ct).ConfigureAwait(false);
            var gatewayRps = await ThroughputAsync(frontUrl, gatewayRequests, settings, ct).ConfigureAwait(false);
            var routedToFork = gateway.Monitor.Summarize(DateTimeOffset.UtcNow, TimeSpan.FromHours(1)).Requests;
            var p99Added = Quantile(through, 0.99) - Quantile(direct, 0.99);
            var geo = GeoLookups(gateway.Geo.Database, settings.Lookups);
            return new JsonObject
            {
                ["benchmark"] = "gateway",
                ["requests_timed_per_side"] = settings.Requests,
                ["direct"] = Side(direct, directRps),
                ["gateway"] = Side(through, gatewayRps),
                ["added"] = new JsonObject
                {
                    ["p50_ms"] = Round(Quantile(through, 0.5) - Quantile(direct, 0.5)),
                    ["p99_ms"] = Round(p99Added),
                    ["throughput_ratio"] = Math.Round(gatewayRps / directRps, 3),
                },
                ["routed_to_fork_sampled"] = routedToFork,
                ["geo"] = geo,
                ["targets"] = new JsonObject
                {
                    ["p99_added_ms_max"] = P99AddedTargetMs,
                    ["gateway_requests_per_s_min"] = ThroughputTarget,
                    ["met"] = p99Added <= P99AddedTargetMs && gatewayRps >= ThroughputTarget,
                },
                ["box"] = new JsonObject { ["processors"] = Environment.ProcessorCount, ["load_avg_1m_at_end"] = EngineBenchWorld.LoadAverage() },
            };
        }
        finally
        {
            if (front is not null)
            {
                await front.DisposeAsync().ConfigureAwait(false);
            }

            if (backend is not null)
            {
                await backend.DisposeAsync().ConfigureAwait(false);
            }

            gateway?.Dispose();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<WebApplication> StartAsync(Action<WebApplication> map, CancellationToken ct, Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        services?.Invoke(builder.Services);
        var app = builder.Build();
        map(app);
        await app.StartAsync(ct).ConfigureAwait(false);
        return app;
    }

    /// <summary>Sequential latencies, direct and through the gateway alternating in blocks of 500 so drift in the box's load hits both sides alike.</summary>
    private static async Task<(List<double> Direct, List<double> Gateway)> LatenciesAsync(Uri directUrl, byte[][] direct, Uri gatewayUrl, byte[][] gateway, int requests, CancellationToken ct)
    {
        using var d = await RawHttpClient.ConnectAsync(directUrl, ct).ConfigureAwait(false);
        using var g = await RawHttpClient.ConnectAsync(gatewayUrl, ct).ConfigureAwait(false);
        for (var i = 0; i < 2000; i++)
        {
            await d.SendAsync(direct[i % direct.Length], ct).ConfigureAwait(false);
            await g.SendAsync(gateway[i % gateway.Length], ct).ConfigureAwait(false);
        }

        var directMs = new List<double>(requests);
        var gatewayMs = new List<double>(requests);
        for (var done = 0; done < requests;)
        {
            var block = Math.Min(500, requests - done);
            await TimeAsync(d, direct, block, directMs, ct).ConfigureAwait(false);
            await TimeAsync(g, gateway, block, gatewayMs, ct).ConfigureAwait(false);
            done += block;
        }

        return (directMs, gatewayMs);
    }

    private static async Task TimeAsync(RawHttpClient client, byte[][] requests, int count, List<double> into, CancellationToken ct)
    {
        for (var i = 0; i < count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var (status, _) = await client.SendAsync(requests[i % requests.Length], ct).ConfigureAwait(false);
            into.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (status != 200)
            {
                throw new InvalidOperationException($"The benchmark request answered {status}.");
            }
        }
    }

    private static async Task<double> ThroughputAsync(Uri url, byte[][] requests, Settings settings, CancellationToken ct)
    {
        var clients = new List<RawHttpClient>();
        try
        {
            for (var i = 0; i < settings.Connections; i++)
            {
                clients.Add(await RawHttpClient.ConnectAsync(url, ct).ConfigureAwait(false));
            }

            var stopAt = Stopwatch.GetTimestamp() + (long)(settings.Seconds * Stopwatch.Frequency);
            var started = Stopwatch.GetTimestamp();
            var counts = await Task.WhenAll(clients.Select(async (client, n) =>
            {
                var done = 0;
                while (Stopwatch.GetTimestamp() < stopAt)
                {
                    await client.SendAsync(requests[(n + done) % requests.Length], ct).ConfigureAwait(false);
                    done++;
                }

                return done;
            })).ConfigureAwait(false);
            return counts.Sum() / Stopwatch.GetElapsedTime(started).TotalSeconds;
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    private static JsonObject GeoLookups(GeoDatabase db, int lookups)
    {
        var random = new Random(8);
        var v4 = new uint[4096];
        var v6 = new UInt128[4096];
        for (var i = 0; i < v4.Length; i++)
        {
            v4[i] = (uint)random.NextInt64(0x01000000, 0xE0000000);
            v6[i] = new UInt128(0x2000_0000_0000_0000UL | (ulong)random.NextInt64(0, 0x0FFF_FFFF_FFFF_FFFF), (ulong)random.NextInt64());
        }

        var found = 0;
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < lookups; i++)
        {
            found += db.LookupIPv4(v4[i & 4095]).IsCountry ? 1 : 0;
        }

        var v4Seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        started = Stopwatch.GetTimestamp();
        for (var i = 0; i < lookups; i++)
        {
            found += db.LookupIPv6(v6[i & 4095]).IsCountry ? 1 : 0;
        }

        var v6Seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        return new JsonObject
        {
            ["ipv4_ranges"] = db.IPv4.Count,
            ["ipv6_ranges"] = db.IPv6.Count,
            ["ipv4_lookups_per_s"] = Math.Round(lookups / v4Seconds),
            ["ipv6_lookups_per_s"] = Math.Round(lookups / v6Seconds),
            ["share_with_country"] = Math.Round(found / (2.0 * lookups), 3),
        };
    }

    private static JsonObject Side(List<double> latencies, double rps) => new()
    {
        ["p50_ms"] = Round(Quantile(latencies, 0.5)),
        ["p99_ms"] = Round(Quantile(latencies, 0.99)),
        ["requests_per_s"] = Math.Round(rps),
    };

    private static double Quantile(List<double> values, double q)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(sorted.Length * q) - 1)];
    }

    private static double Round(double ms) => Math.Round(ms, 4);
}
