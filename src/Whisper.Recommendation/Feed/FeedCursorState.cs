namespace Whisper.Recommendation.Feed;

/// <summary>What a feed cursor carries (docs/feed.md, "Cursor format").</summary>
/// <param name="UserId">The user it was issued to; any other user's request is refused.</param>
/// <param name="Session">Random-looking id of the paging session (first page's request), input of impression ids.</param>
/// <param name="Page">The page this cursor fetches (1 for the cursor returned with page 0).</param>
/// <param name="IssuedAtMs">When it was issued, Unix milliseconds (for expiry).</param>
/// <param name="Served">Bloom filter (2,048 bits, 4 probes) of every video served in the session so far.</param>
internal sealed record FeedCursorState(long UserId, ulong Session, int Page, long IssuedAtMs, byte[] Served);
