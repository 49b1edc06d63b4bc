using Whisper.FeatureStore.Contract;

namespace Whisper.Parity.Explain;

/// <summary>
/// What a region reports about its serving state — read from the region, never from how it was built: its feature
/// contract (null when unknown), model version id, the position its snapshot is trained to in its own log and that
/// log's head (their gap is the snapshot's lag), the newest event time trained on (null when unknown), its embedding
/// rows, in-flight sessions (null when the region keeps no session tier) and candidate budget (int.MaxValue: all).
/// </summary>
public sealed record RegionState(
    string Name,
    FeatureContract? Contract,
    string ModelVersion,
    long SnapshotPosition,
    long LogHead,
    DateTimeOffset? SnapshotThrough,
    long EmbeddingRows,
    int? Sessions,
    int CandidateBudget)
{
    /// <summary>Events of the region's own log its snapshot has not trained on.</summary>
    public long SnapshotLag => Math.Max(0, LogHead - SnapshotPosition);
}
