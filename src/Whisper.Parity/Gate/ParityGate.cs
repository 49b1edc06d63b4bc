using System.Globalization;

using Whisper.FeatureStore.Contract;
using Whisper.Parity.Explain;
using Whisper.Parity.Measures;

namespace Whisper.Parity.Gate;

/// <summary>
/// The cutover gate. Fail when the contracts differ in a blocking way (whatever the traffic); otherwise inconclusive
/// when fewer than <see cref="GateThresholds.MinRequests"/> requests or <see cref="GateThresholds.MinJudgedRequests"/>
/// judged requests were measured; otherwise fail when any check fails, else pass. In full-fork mode the NDCG check
/// reads the last point of the recovery curve (the fork as retrained so far) and RBO is not checked.
/// </summary>
public static class ParityGate
{
    /// <summary>Slack on every comparison so a value exactly at its threshold passes despite rounding.</summary>
    public const double Tolerance = 1e-9;

    public static GateVerdict Evaluate(
        ParityMeasures measures,
        IReadOnlyList<ContractDifference> contractDiff,
        GateThresholds thresholds,
        IReadOnlyList<RecoveryPoint>? recovery = null,
        LossExplanation? explanation = null,
        DateTimeOffset? now = null)
    {
        ArgumentNullException.ThrowIfNull(measures);
        ArgumentNullException.ThrowIfNull(contractDiff);
        ArgumentNullException.ThrowIfNull(thresholds);
        var problems = thresholds.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("gate thresholds: " + string.Join(" ", problems), nameof(thresholds));
        }

        var o = measures.Overall;
        var full = thresholds.Mode == GateMode.FullFork;
        var checks = new List<GateCheck>();
        var lastPoint = full && recovery is { Count: > 0 } ? recovery[^1] : null;
        var loss = lastPoint?.RelativeLoss ?? o.RelativeNdcgLoss;
        checks.Add(AtMost("ndcg@10 relative loss", loss, thresholds.MaxRelativeNdcgLoss, lastPoint is null ? "" : $" (recovery curve at {lastPoint.TrainedEvents:N0} events)"));
        if (!full)
        {
            checks.Add(AtLeast("rbo@10", o.Rbo10, thresholds.MinRbo10));
        }

        var p99Limit = o.SourceLatency.P99Ms * (1 + thresholds.MaxP99Increase);
        checks.Add(AtMost("fork p99 ms", o.ForkLatency.P99Ms, p99Limit, $" (source p99 {F(o.SourceLatency.P99Ms)} ms + {F(thresholds.MaxP99Increase * 100)} %)"));
        checks.Add(AtMost("fork error rate", o.ForkLatency.ErrorRate, thresholds.MaxForkErrorRate));
        var blocking = contractDiff.Count(d => d.Severity == DifferenceSeverity.Blocking);
        var contract = new GateCheck("blocking contract differences", blocking, 0, blocking == 0 || thresholds.AllowBlockingContractDifferences,
            blocking == 0 ? "no blocking contract difference" : $"{blocking} blocking contract differences{(thresholds.AllowBlockingContractDifferences ? " (allowed by the gate file)" : "; align the fork's contract (whisper features diff)")}");
        checks.Add(contract);

        var reasons = new List<string>();
        GateOutcome outcome;
        if (!contract.Passed)
        {
            outcome = GateOutcome.Fail;
            reasons.Add(contract.Reason);
        }
        else if (o.Requests < thresholds.MinRequests || o.Judged < thresholds.MinJudgedRequests)
        {
            outcome = GateOutcome.Inconclusive;
            reasons.Add($"too little data: {o.Requests:N0} requests (need {thresholds.MinRequests:N0}), {o.Judged:N0} with held-out positives (need {thresholds.MinJudgedRequests:N0}); replay a wider window.");
        }
        else
        {
            var failed = checks.Where(c => !c.Passed).ToArray();
            outcome = failed.Length == 0 ? GateOutcome.Pass : GateOutcome.Fail;
            reasons.AddRange(failed.Length == 0 ? checks.Select(c => c.Reason) : failed.Select(c => c.Reason));
        }

        if (outcome == GateOutcome.Fail && explanation?.Biggest is { } biggest)
        {
            reasons.Add($"biggest cause: {ParityCauses.Name(biggest)}.");
        }

        long? recoveredAt = recovery?.FirstOrDefault(p => p.RelativeLoss <= thresholds.MaxRelativeNdcgLoss + Tolerance)?.TrainedEvents;
        return new GateVerdict(outcome, thresholds.Mode, now ?? DateTimeOffset.UtcNow, o.Requests, o.Judged, checks, reasons, explanation?.Biggest, recoveredAt);
    }

    private static GateCheck AtMost(string name, double value, double limit, string note = "")
    {
        var ok = value <= limit + Tolerance;
        return new GateCheck(name, value, limit, ok, $"{name} {F(value)} {(ok ? "≤" : ">")} {F(limit)}{note}");
    }

    private static GateCheck AtLeast(string name, double value, double limit)
    {
        var ok = value >= limit - Tolerance;
        return new GateCheck(name, value, limit, ok, $"{name} {F(value)} {(ok ? "≥" : "<")} {F(limit)}");
    }

    private static string F(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
