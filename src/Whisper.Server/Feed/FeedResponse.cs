namespace Whisper.Server.Feed;

/// <summary>
/// <c>GET /v1/feed</c>'s body: the page, the opaque cursor for the next one, and the model and ranker that produced it.
/// </summary>
public sealed record FeedResponse(IReadOnlyList<FeedItemDocument> Items, string NextCursor, string ModelVersion, string RankerVersion, bool ColdStart);
