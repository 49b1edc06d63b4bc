using Whisper.FeatureStore.Contract;
using Whisper.Parity.Gate;
using Whisper.Parity.Shadow;

namespace Whisper.Parity;

/// <summary>Where the demo's regions live and how to compare them. <see cref="Replay"/> replaces the default window.</summary>
public sealed record ParityDemoOptions(string SourceStorePath, string? SourceModelDirectory, string ForkStorePath, string? ForkModelDirectory, string ResultsDirectory)
{
    public ReplayOptions? Replay { get; init; }

    /// <summary>Share of the source log's time span, at its end, whose active users are replayed (default window).</summary>
    public double WindowShare { get; init; } = 0.2;

    public int MaxRequests { get; init; } = 1_000;

    public int Concurrency { get; init; } = 2;

    /// <summary>Requests each ablation, and each recovery point, replays at most (an evenly spaced sample).</summary>
    public int MaxAblationRequests { get; init; } = 500;

    /// <summary>
    /// Full fork: retrain a new model over the fork's log in this many slices, scoring the fork after each
    /// (<see cref="Regions.EngineRecovery"/>); the points form the gate's recovery curve. Null: no retrain.
    /// </summary>
    public int? RecoverySlices { get; init; }

    public GateThresholds Thresholds { get; init; } = new();

    public FeatureContract? SourceContract { get; init; }

    public FeatureContract? ForkContract { get; init; }
}
