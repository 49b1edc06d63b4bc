namespace Whisper.Recommendation.Training;

/// <summary>
/// What <see cref="CheckpointTransfer.FindUsers"/> found in a checkpoint: its log position, the matching user ids
/// (ascending), and how many rows and pending counts of the <c>users</c> and <c>history</c> tables matched.
/// </summary>
public sealed record CheckpointUserMatch(long Position, IReadOnlyList<long> UserIds, int UserEntries, int HistoryEntries);
