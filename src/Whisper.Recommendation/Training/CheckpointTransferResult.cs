namespace Whisper.Recommendation.Training;

/// <summary>What <see cref="CheckpointTransfer.WriteResidentOnly"/> wrote.</summary>
/// <param name="Destination">Full path of the checkpoint written.</param>
/// <param name="SourcePosition">The source checkpoint's log position (in the source region's log).</param>
/// <param name="NewPosition">The written checkpoint's log position (in the destination's log).</param>
/// <param name="UserRowsKept">Rows of the <c>users</c> table kept.</param>
/// <param name="UserRowsDropped">Rows of the <c>users</c> table removed.</param>
/// <param name="HistoryRowsKept">Rows of the per-user <c>history</c> table kept.</param>
/// <param name="HistoryRowsDropped">Rows of the per-user <c>history</c> table removed.</param>
/// <param name="PendingEntriesDropped">Pending counts (sightings of users without a row yet) removed, all user-keyed tables together.</param>
public sealed record CheckpointTransferResult(
    string Destination,
    long SourcePosition,
    long NewPosition,
    int UserRowsKept,
    int UserRowsDropped,
    int HistoryRowsKept,
    int HistoryRowsDropped,
    int PendingEntriesDropped);
