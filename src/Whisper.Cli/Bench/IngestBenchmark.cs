using System.Diagnostics;
using System.Text.Json.Nodes;

using Microsoft.Extensions.Logging;

using Npgsql;

using Whisper.Cli.Console;
using Whisper.Core.Domain;
using Whisper.Server;
using Whisper.Server.Auth;
using Whisper.Server.Client;
using Whisper.Storage;

namespace Whisper.Cli.Bench;

/// <summary>What <c>whisper bench ingest</c> measures.</summary>
public sealed record IngestBenchOptions(int Events, int BatchSize, int HttpEvents, int HttpBatchSize, int Concurrency, string? Postgres, string WorkDirectory);

/// <summary>
/// Appends the same seeded events in-process and over HTTP on loopback, into each store, and compares them with
/// same-run baselines: the raw SQLite insert floor for in-process, the in-process rate for HTTP.
/// </summary>
public static class IngestBenchmark
{
    public static async Task<JsonObject> RunAsync(IngestBenchOptions options, IProgress<WorkProgress> progress, CancellationToken ct)
    {
        Directory.CreateDirectory(options.WorkDirectory);
        var events = BenchEvents.Create(options.Events, seed: 1);
        var batches = BenchEvents.Batches(events, options.BatchSize);
        var httpEvents = BenchEvents.Create(options.HttpEvents, seed: 2);
        var httpBatches = BenchEvents.Batches(httpEvents, options.HttpBatchSize);

        progress.Report(new WorkProgress("raw sqlite baseline", 0, 1));
        var raw = RawSqliteBaseline.EventsPerSecond(Path.Combine(options.WorkDirectory, "raw.db"), batches);
        progress.Report(new WorkProgress("raw sqlite baseline", 1, 1));

        var result = new JsonObject
        {
            ["benchmark"] = "ingest",
            ["client_ids"] = "UUIDv7 (time-ordered) unless named random",
            ["machine"] = new JsonObject { ["cores"] = Environment.ProcessorCount, ["os"] = System.Runtime.InteropServices.RuntimeInformation.OSDescription },
            ["events"] = options.Events,
            ["batch_size"] = options.BatchSize,
            ["http_events"] = options.HttpEvents,
            ["http_batch_size"] = options.HttpBatchSize,
            ["http_concurrency"] = options.Concurrency,
            ["baseline_raw_sqlite_insert_events_per_s"] = Math.Round(raw),
        };

        var randomIds = BenchEvents.Batches(BenchEvents.Create(options.Events, seed: 1, BenchIdKind.Random), options.BatchSize);
        var randomRate = await AppendAllAsync(new StoreOptions(StoreProvider.Sqlite, Path.Combine(options.WorkDirectory, "random.db")), randomIds, "sqlite in-process, random ids", progress, ct)
            .ConfigureAwait(false);
        result["sqlite_in_process_random_v4_ids_events_per_s"] = Math.Round(randomRate);

        var sqlite = new StoreOptions(StoreProvider.Sqlite, Path.Combine(options.WorkDirectory, "inproc.db"));
        var sqliteHttp = new StoreOptions(StoreProvider.Sqlite, Path.Combine(options.WorkDirectory, "http.db"));
        result["sqlite"] = await MeasureStoreAsync("sqlite", sqlite, sqliteHttp, batches, httpBatches, options, raw, progress, ct).ConfigureAwait(false);

        if (!string.IsNullOrWhiteSpace(options.Postgres))
        {
            var schema = $"bench_{Guid.NewGuid():N}"[..20];
            var pg = new StoreOptions(StoreProvider.Postgres, options.Postgres) { Schema = schema };
            var pgHttp = pg with { Schema = schema + "_h" };
            try
            {
                result["postgres"] = await MeasureStoreAsync("postgres", pg, pgHttp, batches, httpBatches, options, raw, progress, ct).ConfigureAwait(false);
            }
            finally
            {
                await DropSchemasAsync(options.Postgres, [pg.Schema, pgHttp.Schema]).ConfigureAwait(false);
            }
        }

        return result;
    }

    private static async Task<JsonObject> MeasureStoreAsync(
        string name,
        StoreOptions inProcess,
        StoreOptions overHttp,
        List<ArraySegment<EngagementEvent>> batches,
        List<ArraySegment<EngagementEvent>> httpBatches,
        IngestBenchOptions options,
        double raw,
        IProgress<WorkProgress> progress,
        CancellationToken ct)
    {
        var inProcessRate = await AppendAllAsync(inProcess, batches, $"{name} in-process", progress, ct).ConfigureAwait(false);

        var httpRate = await MeasureHttpAsync(name, overHttp, httpBatches, options, progress, ct).ConfigureAwait(false);
        return new JsonObject
        {
            ["in_process_events_per_s"] = Math.Round(inProcessRate),
            ["in_process_vs_raw_sqlite"] = Math.Round(inProcessRate / raw, 3),
            ["http_events_per_s"] = Math.Round(httpRate),
            ["http_vs_in_process"] = Math.Round(httpRate / inProcessRate, 3),
        };
    }

    private static async Task<double> AppendAllAsync(
        StoreOptions storeOptions,
        List<ArraySegment<EngagementEvent>> batches,
        string stage,
        IProgress<WorkProgress> progress,
        CancellationToken ct)
    {
        await using var store = await WhisperStores.OpenAsync(storeOptions, ct).ConfigureAwait(false);
        long events = 0;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < batches.Count; i++)
        {
            await store.Events.AppendAsync(batches[i], ct).ConfigureAwait(false);
            events += batches[i].Count;
            progress.Report(new WorkProgress(stage, i + 1, batches.Count));
        }

        return events / clock.Elapsed.TotalSeconds;
    }

    private static async Task<double> MeasureHttpAsync(
        string name,
        StoreOptions storeOptions,
        List<ArraySegment<EngagementEvent>> batches,
        IngestBenchOptions options,
        IProgress<WorkProgress> progress,
        CancellationToken ct)
    {
        var keysPath = Path.Combine(options.WorkDirectory, $"keys-{Guid.NewGuid():N}.json");
        var key = await ApiKeyStore.CreateKeyAsync(keysPath, "bench", ApiKeyRoles.Ingest, ct).ConfigureAwait(false);
        await using var store = await WhisperStores.OpenAsync(storeOptions, ct).ConfigureAwait(false);
        var settings = new WhisperServerSettings { Urls = "http://127.0.0.1:0", ApiKeysPath = keysPath, LogRequests = false };
        await using var app = WhisperServerApp.Build(settings, store, static logging => logging.SetMinimumLevel(LogLevel.Warning));
        await app.StartAsync(ct).ConfigureAwait(false);

        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = options.Concurrency, UseProxy = false };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(app.Urls.First().TrimEnd('/') + "/") };
        var client = new WhisperClient(http, key);
        var stage = $"{name} over HTTP";
        var next = -1;
        var done = 0;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, options.Concurrency).Select(async _ =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < batches.Count)
            {
                await client.IngestAsync(batches[index], ct).ConfigureAwait(false);
                progress.Report(new WorkProgress(stage, Interlocked.Increment(ref done), batches.Count));
            }
        });
        await Task.WhenAll(workers).ConfigureAwait(false);
        var rate = options.HttpEvents / clock.Elapsed.TotalSeconds;
        await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        return rate;
    }

    private static async Task DropSchemasAsync(string connectionString, string[] schemas)
    {
        await using var source = NpgsqlDataSource.Create(connectionString);
        foreach (var schema in schemas)
        {
            await using var command = source.CreateCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE");
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
    }
}
