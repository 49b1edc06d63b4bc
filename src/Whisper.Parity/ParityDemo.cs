using Whisper.Parity.Regions;
using Whisper.Parity.Report;
using Whisper.Parity.Shadow;
using Whisper.Recommendation.Catalog;
using Whisper.Storage;

namespace Whisper.Parity;

/// <summary>
/// Parity on the demo's layout: the source store + model checkpoints and the fork store + model, both served in
/// process (frozen, nothing logged), replaying the fork's users over the last <see cref="ParityDemoOptions.WindowShare"/>
/// of the source log's time span, attributing a loss by rebuilding the fork one cause at a time (<see cref="EngineAblation"/>)
/// and, with <see cref="ParityDemoOptions.RecoverySlices"/>, measuring a full fork's recovery from a real retrain
/// (<see cref="EngineRecovery"/>); writes verdict.json, report.json, report.html and requests.jsonl to the results folder.
/// </summary>
public static class ParityDemo
{
    public static async Task<ParityReport> RunAsync(ParityDemoOptions options, IProgress<ShadowProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        await using var source = await WhisperStores.OpenAsync(new StoreOptions(StoreProvider.Sqlite, options.SourceStorePath), cancellationToken).ConfigureAwait(false);
        await using var fork = await WhisperStores.OpenAsync(new StoreOptions(StoreProvider.Sqlite, options.ForkStorePath), cancellationToken).ConfigureAwait(false);
        return await RunAsync(options, source, fork, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The same over stores the caller has open (the demo's); they stay the caller's.</summary>
    public static async Task<ParityReport> RunAsync(ParityDemoOptions options, IWhisperStore sourceStore, IWhisperStore forkStore, IProgress<ShadowProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sourceStore);
        ArgumentNullException.ThrowIfNull(forkStore);
        await using var source = await EngineRegion.OpenAsync("source", sourceStore, options.SourceModelDirectory, options.SourceContract, cancellationToken).ConfigureAwait(false);
        await using var fork = await EngineRegion.OpenAsync("fork", forkStore, options.ForkModelDirectory, options.ForkContract, cancellationToken).ConfigureAwait(false);
        var plan = await PlanAsync(sourceStore, source.Catalog, fork.Catalog, options, cancellationToken).ConfigureAwait(false);
        var shadow = new ShadowOptions { Concurrency = options.Concurrency, CohortOf = Cohorts.ByRegion(source.Catalog) };
        var recovery = options.RecoverySlices is { } slices
            ? await EngineRecovery.MeasureAsync(source, fork.Spec, plan, slices, shadow, options.MaxAblationRequests, cancellationToken).ConfigureAwait(false)
            : [];
        var input = new ParityRunInput(source, fork, plan)
        {
            SourceState = source.State,
            ForkState = fork.State,
            Ablation = new EngineAblation(source, fork),
            MaxAblationRequests = options.MaxAblationRequests,
            Recovery = recovery,
            Thresholds = options.Thresholds,
            Shadow = shadow,
            Progress = progress,
        };
        return await RunToAsync(input, options.ResultsDirectory, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The replay of the source's log for the users who move — those <paramref name="forkCatalog"/> holds (all, when
    /// null): <see cref="ParityDemoOptions.Replay"/>, or the default window at the end of the log.
    /// </summary>
    public static async Task<ReplayPlan> PlanAsync(IWhisperStore sourceStore, CatalogView sourceCatalog, CatalogView? forkCatalog, ParityDemoOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sourceStore);
        ArgumentNullException.ThrowIfNull(options);
        var events = await LogReplay.ReadAsync(sourceStore.Events, sourceCatalog, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (forkCatalog is not null)
        {
            events.RemoveAll(e => !forkCatalog.IsKnownUser(e.UserId));
        }

        if (events.Count == 0)
        {
            throw new ArgumentException("the source log holds no engagement events of the fork's users; fork a world first (whisper demo).", nameof(options));
        }

        if (options.Replay is { } replay)
        {
            return LogReplay.Build(events, replay);
        }

        long first = events.Min(e => e.TimeMs), last = events.Max(e => e.TimeMs);
        var from = last - (long)((last - first) * options.WindowShare);
        return LogReplay.Build(events, new ReplayOptions
        {
            From = DateTimeOffset.FromUnixTimeMilliseconds(from),
            To = DateTimeOffset.FromUnixTimeMilliseconds(last + 1),
            MaxRequests = options.MaxRequests,
        });
    }

    /// <summary>Runs <paramref name="input"/>, streaming requests.jsonl, then writes the report and the verdict to <paramref name="resultsDirectory"/>.</summary>
    public static async Task<ParityReport> RunToAsync(ParityRunInput input, string resultsDirectory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        Directory.CreateDirectory(resultsDirectory);
        ParityReport report;
        await using (var lines = new StreamWriter(Path.Combine(resultsDirectory, ParityResults.RecordsFile)))
        {
            var forward = input.OnRecord;
            report = await ParityRun.RunAsync(input with { OnRecord = r => { lines.WriteLine(ParityJson.RecordLine(r)); forward?.Invoke(r); } }, cancellationToken).ConfigureAwait(false);
        }

        await ParityResults.WriteAsync(resultsDirectory, report, cancellationToken).ConfigureAwait(false);
        return report;
    }
}
