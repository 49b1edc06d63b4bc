namespace Whisper.Recommendation.Feed;

/// <summary>One page of a user's feed.</summary>
/// <param name="UserId">Whose feed.</param>
/// <param name="PageNumber">0 for the first page of a session, then 1, 2, …</param>
/// <param name="Items">Videos in serving order (may be fewer than asked when candidates run out).</param>
/// <param name="NextCursor">Opaque token for the next page.</param>
/// <param name="ModelVersion">The embedding model's <see cref="Model.IEmbeddingModel.Version"/>.</param>
/// <param name="RankerVersion">The ranker that scored the page ("model-score", "lightgbm-…").</param>
/// <param name="ColdStart">True when the model had no vector for the user (trending + fresh mix).</param>
public sealed record FeedPage(long UserId, int PageNumber, IReadOnlyList<FeedItem> Items, string NextCursor, string ModelVersion, string RankerVersion, bool ColdStart);
