namespace Whisper.Recommendation.Feed;

/// <summary>Outcome of a feed request. Expected refusals are statuses, not exceptions.</summary>
public enum FeedStatus
{
    Ok = 0,

    /// <summary>The catalog does not know the user.</summary>
    UnknownUser = 1,

    /// <summary>count is outside 1..<see cref="FeedOptions.MaxCount"/>.</summary>
    InvalidCount = 2,

    /// <summary>The cursor is malformed, tampered with, expired, of another version, or issued to another user.</summary>
    InvalidCursor = 3,
}
