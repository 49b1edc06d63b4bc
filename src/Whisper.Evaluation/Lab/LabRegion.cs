using Whisper.FeatureStore.Definitions;
using Whisper.FeatureStore.Online;
using Whisper.FeatureStore.Sessions;

namespace Whisper.Evaluation.Lab;

/// <summary>
/// One simulated region's serving state — the four things a fork can get wrong: its feature contract (and the online
/// store materialized under it), its embedding snapshot, its in-flight session state and its candidate budget
/// (<see cref="int.MaxValue"/>: rank every video). Swapping one component for the source's is an ablation.
/// </summary>
public sealed record LabRegion(FeatureRegistry Registry, InProcessOnlineFeatureStore Store, LabSnapshot Snapshot, SessionStateStore Sessions, int Budget)
{
    /// <summary>The source's budget: every video is ranked.</summary>
    public const int AllCandidates = int.MaxValue;
}
