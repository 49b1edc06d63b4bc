using Whisper.Parity.Explain;
using Whisper.Parity.Gate;
using Whisper.Parity.Shadow;

namespace Whisper.Parity;

/// <summary>
/// What one parity run compares: the two regions, the replayed requests, and optionally each region's state (for the
/// contract diff and cause detection), a way to rebuild the fork one cause at a time (for attribution) and, in
/// full-fork mode, the recovery curve measured so far.
/// </summary>
public sealed record ParityRunInput(IFeedRegion Source, IFeedRegion Fork, ReplayPlan Plan)
{
    public RegionState? SourceState { get; init; }

    public RegionState? ForkState { get; init; }

    public IRegionAblation? Ablation { get; init; }

    /// <summary>
    /// Requests each ablation replays at most (an evenly spaced sample of the plan): every rebuild is a region opened
    /// and a replay, so this bounds the explain step's time.
    /// </summary>
    public int MaxAblationRequests { get; init; } = 500;

    public GateThresholds Thresholds { get; init; } = new();

    public ShadowOptions Shadow { get; init; } = new();

    public IReadOnlyList<RecoveryPoint> Recovery { get; init; } = [];

    /// <summary>Called with each compared request as it completes (e.g. to write requests.jsonl).</summary>
    public Action<ShadowRecord>? OnRecord { get; init; }

    public IProgress<ShadowProgress>? Progress { get; init; }

    public double HurtThreshold { get; init; } = Measures.ParityMeasures.DefaultHurtThreshold;

    public int MinSourceReach { get; init; } = Measures.ParityMeasures.DefaultMinSourceReach;
}
