namespace Whisper.FeatureStore.Sessions;

/// <summary>
/// One user's in-flight session as served now. Times are Unix ms. <see cref="LiveRoomId"/> is 0 when the user is in no
/// live room or the presence has lapsed (older than the live-room TTL).
/// </summary>
public sealed record SessionSnapshot(
    long UserId,
    long StartedAtMs,
    long LastActivityMs,
    IReadOnlyList<long> ItemsSeen,
    long WatchTimeMs,
    long LiveRoomId,
    long LiveRoomSeenAtMs);
