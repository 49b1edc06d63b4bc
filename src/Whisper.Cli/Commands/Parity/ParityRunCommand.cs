using System.CommandLine;
using System.Globalization;

using Whisper.Cli.Console;
using Whisper.FeatureStore.Contract;
using Whisper.Parity;
using Whisper.Parity.Gate;
using Whisper.Parity.Regions;
using Whisper.Parity.Shadow;
using Whisper.Recommendation.Catalog;
using Whisper.Security.Egress;
using Whisper.Server.Client;
using Whisper.Storage;

namespace Whisper.Cli.Commands.Parity;

/// <summary>
/// <c>whisper parity run</c>: replays the source log's requests to the source and the fork — in process from the demo
/// layout (default), or over HTTP with <c>--source-url/--fork-url</c> — measures, explains and gates; writes the
/// results folder. Exit 0 when the gate passes, 1 when it fails or is inconclusive, 2 on bad input.
/// </summary>
public static class ParityRunCommand
{
    public static Command Create(CliConsole console)
    {
        var dataDir = new Option<string>("--data-dir") { Description = "The demo's folder: source whisper.db + model/, fork fork/us.db + fork/model/.", DefaultValueFactory = _ => ".whisper/demo" };
        var sourceStore = new Option<string?>("--source-store") { Description = "Source SQLite store (default: <data-dir>/whisper.db)." };
        var sourceModel = new Option<string?>("--source-model") { Description = "Source model checkpoints (default: <data-dir>/model)." };
        var forkStore = new Option<string?>("--fork-store") { Description = "Fork SQLite store (default: <data-dir>/fork/us.db)." };
        var forkModel = new Option<string?>("--fork-model") { Description = "Fork model checkpoints (default: <data-dir>/fork/model)." };
        var sourceUrl = new Option<string?>("--source-url") { Description = "Ask the source over HTTP at this base URL instead of in process." };
        var forkUrl = new Option<string?>("--fork-url") { Description = "Ask the fork over HTTP at this base URL instead of in process." };
        var apiKey = new Option<string?>("--api-key") { Description = "API key for --source-url/--fork-url (viewer role)." };
        var from = new Option<string?>("--from") { Description = "Replay window start, ISO 8601 (default: the last 20% of the log's time span)." };
        var to = new Option<string?>("--to") { Description = "Replay window end, ISO 8601 (exclusive)." };
        var horizon = new Option<double>("--horizon-hours") { Description = "Positives this long after a request judge it.", DefaultValueFactory = _ => 24 };
        var maxRequests = new Option<int>("--max-requests") { Description = "At most this many requests.", DefaultValueFactory = _ => 1_000 };
        var users = new Option<string?>("--users") { Description = "Only these user ids (comma-separated), each active in the window." };
        var concurrency = new Option<int>("--concurrency") { Description = "Requests in flight at once.", DefaultValueFactory = _ => 2 };
        var gate = new Option<string?>("--gate") { Description = "Gate file (\"format\": \"whisper-parity-gate\"; docs/parity.md); default thresholds otherwise." };
        var sourceContract = new Option<string?>("--source-contract") { Description = "The source's feature contract (whisper features export)." };
        var forkContract = new Option<string?>("--fork-contract") { Description = "The fork's feature contract." };
        var output = new Option<string>("--out") { Description = "Results folder.", DefaultValueFactory = _ => ParityCommand.DefaultResults };
        var recovery = new Option<int?>("--full-fork-recovery")
        {
            Description = $"Full fork: retrain a new model over the fork's log in this many slices (1..{EngineRecovery.MaxSlices}), scoring the fork after each; the gate runs in full-fork mode on that recovery curve. In process only.",
        };
        var allowlist = new Option<string?>("--allowlist") { Description = "Region allowlist (docs/security/allowlist.md): --source-url/--fork-url are reached only through its egress guard." };
        var command = new Command("run", "Shadow the source log's requests to source and fork, measure, explain and gate; write the results folder.")
        {
            dataDir, sourceStore, sourceModel, forkStore, forkModel, sourceUrl, forkUrl, apiKey, from, to, horizon, maxRequests, users, concurrency, gate, sourceContract, forkContract, output, allowlist, recovery,
        };
        command.SetAction(async (parse, ct) =>
        {
            var dir = parse.GetValue(dataDir)!;
            var options = new ParityDemoOptions(
                parse.GetValue(sourceStore) ?? Path.Combine(dir, "whisper.db"), parse.GetValue(sourceModel) ?? Path.Combine(dir, "model"),
                parse.GetValue(forkStore) ?? Path.Combine(dir, "fork", "us.db"), parse.GetValue(forkModel) ?? Path.Combine(dir, "fork", "model"), parse.GetValue(output)!)
            {
                MaxRequests = parse.GetValue(maxRequests) is var m and >= 1 ? m : throw new UsageException("--max-requests must be at least 1."),
                Concurrency = parse.GetValue(concurrency) is var c and >= 1 and <= 256 ? c : throw new UsageException("--concurrency must be 1..256."),
                Thresholds = await Thresholds(parse.GetValue(gate), ct).ConfigureAwait(false),
                SourceContract = await Contract(parse.GetValue(sourceContract), "--source-contract", ct).ConfigureAwait(false),
                ForkContract = await Contract(parse.GetValue(forkContract), "--fork-contract", ct).ConfigureAwait(false),
                Replay = Window(parse.GetValue(from), parse.GetValue(to), parse.GetValue(horizon), parse.GetValue(maxRequests), Users(parse.GetValue(users))),
                RecoverySlices = parse.GetValue(recovery) is not { } slices ? null
                    : slices is >= 1 and <= EngineRecovery.MaxSlices ? slices
                    : throw new UsageException($"--full-fork-recovery must be 1..{EngineRecovery.MaxSlices} slices (e.g. 4)."),
            };
            if (options.RecoverySlices is not null)
            {
                options = options with { Thresholds = options.Thresholds with { Mode = GateMode.FullFork } };
            }

            RequireFile(options.SourceStorePath, "--source-store");
            var http = (parse.GetValue(sourceUrl), parse.GetValue(forkUrl));
            var egress = EgressAllowlistOption.Load(parse.GetValue(allowlist)) is { } regionAllowlist ? new EgressGuard(regionAllowlist) : null;
            if ((http.Item1 is null) != (http.Item2 is null))
            {
                throw new UsageException("give both --source-url and --fork-url, or neither (in process).");
            }

            if (http.Item1 is not null && options.RecoverySlices is not null)
            {
                throw new UsageException("--full-fork-recovery retrains the fork in process; leave out --source-url/--fork-url.");
            }

            ParityReport report;
            try
            {
                report = await ProgressDisplay.RunAsync(console, progress =>
                {
                    var shadow = new ShadowProgressAdapter(progress);
                    return http.Item1 is null
                        ? RunInProcessAsync(options, shadow, ct)
                        : RunOverHttpAsync(options, http.Item1, http.Item2!, parse.GetValue(apiKey), egress, shadow, ct);
                }).ConfigureAwait(false);
            }
            catch (ArgumentException e)
            {
                throw new UsageException(e.Message);
            }

            WriteSummary(console, report, options.ResultsDirectory);
            return report.Verdict.Outcome == GateOutcome.Pass ? ExitCodes.Ok : ExitCodes.Failed;
        });
        return command;
    }

    /// <summary>The verdict line, its reasons and where the results are (also printed by <c>whisper demo</c>).</summary>
    internal static void WriteSummary(CliConsole console, ParityReport report, string resultsDirectory)
    {
        var v = report.Verdict;
        var o = report.Measures.Overall;
        console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"parity: {v.OutcomeName} — {o.Requests:N0} requests ({o.Judged:N0} judged), NDCG@10 {o.SourceNdcg10:0.####} → {o.ForkNdcg10:0.####} ({o.RelativeNdcgLoss * 100:0.##} % loss), RBO@10 {o.Rbo10:0.###}, p99 {o.SourceLatency.P99Ms:0.##} → {o.ForkLatency.P99Ms:0.##} ms"));
        foreach (var reason in v.Reasons)
        {
            console.Out.WriteLine($"  {reason}");
        }

        console.Out.WriteLine($"results: {resultsDirectory}");
    }

    private static Task<ParityReport> RunInProcessAsync(ParityDemoOptions options, IProgress<ShadowProgress> progress, CancellationToken ct)
    {
        RequireFile(options.ForkStorePath, "--fork-store");
        return ParityDemo.RunAsync(options, progress, ct);
    }

    private static async Task<ParityReport> RunOverHttpAsync(ParityDemoOptions options, string sourceUrl, string forkUrl, string? apiKey, EgressGuard? egress, IProgress<ShadowProgress> progress, CancellationToken ct)
    {
        await using var store = await WhisperStores.OpenAsync(new StoreOptions(StoreProvider.Sqlite, options.SourceStorePath), ct).ConfigureAwait(false);
        var catalog = await CatalogView.LoadAsync(store.Catalog, ct).ConfigureAwait(false);
        CatalogView? forkCatalog = null;
        if (File.Exists(options.ForkStorePath))
        {
            await using var fork = await WhisperStores.OpenAsync(new StoreOptions(StoreProvider.Sqlite, options.ForkStorePath), ct).ConfigureAwait(false);
            forkCatalog = await CatalogView.LoadAsync(fork.Catalog, ct).ConfigureAwait(false);
        }

        var plan = await ParityDemo.PlanAsync(store, catalog, forkCatalog, options, ct).ConfigureAwait(false);
        using var sourceHttp = RegionClient(BaseUri(sourceUrl, "--source-url"), egress);
        using var forkHttp = RegionClient(BaseUri(forkUrl, "--fork-url"), egress);
        var input = new ParityRunInput(new HttpFeedRegion("source", new WhisperClient(sourceHttp, apiKey)), new HttpFeedRegion("fork", new WhisperClient(forkHttp, apiKey)), plan)
        {
            Thresholds = options.Thresholds,
            Shadow = new ShadowOptions { Concurrency = options.Concurrency, CohortOf = Cohorts.ByRegion(catalog) },
            Progress = progress,
        };
        return await ParityDemo.RunToAsync(input, options.ResultsDirectory, ct).ConfigureAwait(false);
    }

    /// <summary>A client for one region's API; with a guard, every connection passes the region's egress allowlist.</summary>
    private static HttpClient RegionClient(Uri baseAddress, EgressGuard? egress) =>
        new(egress?.CreateHandler() ?? new SocketsHttpHandler()) { BaseAddress = baseAddress };

    private static ReplayOptions? Window(string? from, string? to, double horizonHours, int maxRequests, IReadOnlyCollection<long>? users)
    {
        if (!(horizonHours > 0))
        {
            throw new UsageException("--horizon-hours must be positive (e.g. 24).");
        }

        if (from is null && to is null && users is null)
        {
            return null;
        }

        if (from is null || to is null)
        {
            throw new UsageException("give both --from and --to (ISO 8601, e.g. 2026-01-01T00:00:00Z), or neither for the default window.");
        }

        var options = new ReplayOptions { From = Time(from, "--from"), To = Time(to, "--to"), Horizon = TimeSpan.FromHours(horizonHours), MaxRequests = maxRequests, Users = users };
        var problems = options.Validate();
        return problems.Count > 0 ? throw new UsageException(string.Join(" ", problems)) : options;
    }

    private static DateTimeOffset Time(string text, string option) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : throw new UsageException($"{option} '{text}' is not a time; use ISO 8601, e.g. 2026-01-01T00:00:00Z.");

    private static long[]? Users(string? list)
    {
        if (list is null)
        {
            return null;
        }

        var ids = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return ids.Length == 0 || ids.Any(i => !long.TryParse(i, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            ? throw new UsageException($"--users '{list}' is not a list of user ids; use e.g. --users 1,2,3.")
            : [.. ids.Select(i => long.Parse(i, CultureInfo.InvariantCulture))];
    }

    private static async Task<GateThresholds> Thresholds(string? path, CancellationToken ct)
    {
        if (path is null)
        {
            return new GateThresholds();
        }

        try
        {
            return GateThresholds.Parse(await File.ReadAllTextAsync(path, ct).ConfigureAwait(false));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            throw new UsageException($"--gate {path}: {e.Message.TrimEnd('.')}.");
        }
    }

    private static async Task<FeatureContract?> Contract(string? path, string option, CancellationToken ct)
    {
        if (path is null)
        {
            return null;
        }

        try
        {
            return await FeatureContractFile.ReadAsync(path, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FeatureContractFormatException)
        {
            throw new UsageException($"{option} {path}: {e.Message.TrimEnd('.')}; write one with 'whisper features export'.");
        }
    }

    private static Uri BaseUri(string url, string option) =>
        Uri.TryCreate(url.TrimEnd('/') + "/", UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri : throw new UsageException($"{option} '{url}' is not an http(s) URL.");

    private static void RequireFile(string path, string option)
    {
        if (!File.Exists(path))
        {
            throw new UsageException($"{option} {path}: no such store; run 'whisper demo' first or point {option} at a region's store.");
        }
    }

    internal sealed class ShadowProgressAdapter(IProgress<WorkProgress> inner) : IProgress<ShadowProgress>
    {
        public void Report(ShadowProgress value) => inner.Report(new WorkProgress("shadow", value.Done, value.Total));
    }
}
