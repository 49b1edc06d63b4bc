namespace Whisper.Recommendation.Feed;

/// <summary>A page, or why there is none (<see cref="Error"/> is one sentence naming the problem and the fix).</summary>
public sealed record FeedResult(FeedStatus Status, FeedPage? Page, string? Error)
{
    public static FeedResult Failed(FeedStatus status, string error) => new(status, null, error);
}
