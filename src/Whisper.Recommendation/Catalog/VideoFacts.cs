namespace Whisper.Recommendation.Catalog;

/// <summary>What retrieval, training and ranking need to know about a video, without touching the store.</summary>
/// <param name="Id">Video id.</param>
/// <param name="CreatorId">Its creator.</param>
/// <param name="DurationMs">Length.</param>
/// <param name="CreatedAtMs">Publication time, Unix milliseconds.</param>
/// <param name="TopicKeys">Its hashtags as <see cref="TopicKey"/> values.</param>
/// <param name="OriginRegion">Platform region it was uploaded to.</param>
public sealed record VideoFacts(long Id, long CreatorId, int DurationMs, long CreatedAtMs, long[] TopicKeys, string OriginRegion);
