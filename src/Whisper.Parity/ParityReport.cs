using Whisper.FeatureStore.Contract;
using Whisper.Parity.Explain;
using Whisper.Parity.Gate;
using Whisper.Parity.Measures;

namespace Whisper.Parity;

/// <summary>
/// One parity run: both regions' state, the contract diff, the measures, the detected causes and their attribution,
/// the recovery curve (full fork), the gate's verdict, and each side's latency quantiles (report.json, docs/parity.md).
/// </summary>
public sealed record ParityReport(
    DateTimeOffset GeneratedAt,
    string SourceName,
    string ForkName,
    GateThresholds Thresholds,
    RegionState? SourceState,
    RegionState? ForkState,
    IReadOnlyList<ContractDifference> ContractDiff,
    ParityMeasures Measures,
    IReadOnlyList<DetectedCause> Causes,
    LossExplanation Explanation,
    IReadOnlyList<RecoveryPoint> Recovery,
    GateVerdict Verdict,
    IReadOnlyList<LatencyQuantile> Latency,
    double Seconds);

