namespace Whisper.Recommendation.Feed;

/// <summary>
/// The secret that signs feed cursors (HMAC-SHA256). Every server instance that may receive another's cursors must share
/// it; rotating it invalidates outstanding cursors (clients then start a new session).
/// </summary>
public interface IFeedCursorKey
{
    /// <summary>At least 32 bytes.</summary>
    ReadOnlySpan<byte> Key { get; }
}
