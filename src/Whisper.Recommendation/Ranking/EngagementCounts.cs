namespace Whisper.Recommendation.Ranking;

/// <summary>Engagement counted for one video or creator since the counters started (a point-in-time read).</summary>
public readonly record struct EngagementCounts(int Impressions, int Views, int LongWatches, int Likes, int Shares, int Follows);
