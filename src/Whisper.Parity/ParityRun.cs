using System.Diagnostics;

using Whisper.FeatureStore.Contract;
using Whisper.Parity.Explain;
using Whisper.Parity.Gate;
using Whisper.Parity.Measures;
using Whisper.Parity.Shadow;

namespace Whisper.Parity;

/// <summary>
/// The whole parity check, in order: shadow the replayed requests to both regions, measure, diff the contracts and
/// detect which causes differ (from the regions' state), attribute a loss by ablation, and let the gate decide.
/// </summary>
public static class ParityRun
{
    private static readonly double[] Quantiles = [0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 1.0];

    public static async Task<ParityReport> RunAsync(ParityRunInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var problems = input.Thresholds.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("gate thresholds: " + string.Join(" ", problems), nameof(input));
        }

        var clock = Stopwatch.StartNew();
        var runner = new ShadowRunner(input.Source, input.Fork, input.Shadow);
        var records = await runner.RunAsync(input.Plan, input.OnRecord, input.Progress, cancellationToken).ConfigureAwait(false);
        var measures = ParityMeasures.Of(records, input.HurtThreshold, input.MinSourceReach);

        var diff = input.SourceState?.Contract is { } a && input.ForkState?.Contract is { } b ? FeatureContractDiff.Compare(a, b) : [];
        var causes = input.SourceState is { } s && input.ForkState is { } f ? CauseDetector.Detect(s, f, diff) : [];
        var explanation = await LossAttribution.ExplainAsync(input.Plan, input.Source, records, causes, input.Ablation, input.Shadow, input.MaxAblationRequests, cancellationToken).ConfigureAwait(false);
        var verdict = ParityGate.Evaluate(measures, diff, input.Thresholds, input.Recovery, explanation);
        return new ParityReport(
            verdict.GeneratedAt, input.Source.Name, input.Fork.Name, input.Thresholds, input.SourceState, input.ForkState, diff, measures, causes,
            explanation, input.Recovery, verdict, LatencyQuantiles(records), clock.Elapsed.TotalSeconds);
    }

    private static LatencyQuantile[] LatencyQuantiles(IReadOnlyList<ShadowRecord> records)
    {
        var source = records.Where(r => r.Source.Ok).Select(r => r.Source.LatencyMs).Order().ToArray();
        var fork = records.Where(r => r.Fork.Ok).Select(r => r.Fork.LatencyMs).Order().ToArray();
        return [.. Quantiles.Select(q => new LatencyQuantile(q, LatencySummary.Percentile(source, q), LatencySummary.Percentile(fork, q)))];
    }
}
