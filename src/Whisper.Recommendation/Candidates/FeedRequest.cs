namespace Whisper.Recommendation.Candidates;

/// <summary>
/// One feed request as the engine sees it. <see cref="Now"/> comes from the caller's <see cref="TimeProvider"/> so
/// replays and tests are deterministic. <see cref="UserVector"/> is filled once per request (empty when the model
/// does not know the user: cold start).
/// </summary>
public sealed record FeedRequest(long UserId, string Region, DateTimeOffset Now, int Count)
{
    public float[] UserVector { get; init; } = [];

    /// <summary>Videos served to this user recently; sources may skip them, the re-ranker must.</summary>
    public IReadOnlySet<long> RecentlyServed { get; init; } = new HashSet<long>();

    /// <summary>Creators the user blocked.</summary>
    public IReadOnlySet<long> BlockedCreators { get; init; } = new HashSet<long>();
}
