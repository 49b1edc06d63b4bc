using Whisper.Recommendation.Candidates;
using Whisper.Recommendation.Catalog;

namespace Whisper.Recommendation.Ranking;

/// <summary>
/// The ranker's feature vector for one (user, candidate): layout and the one function that writes it, shared by training
/// and serving so the two never drift. Counters are point-in-time (training replays the log and reads them before each
/// impression is counted). Rates are smoothed toward small priors so a video with 1 impression is not "100% liked".
/// </summary>
public static class RankingFeatures
{
    public const int ModelScore = 0;
    public const int OriginFirst = 1; // one-hot, OriginFirst + (origin - 1), five origins
    public const int SourceScore = 6;
    public const int AgeHours = 7;
    public const int DurationSeconds = 8;
    public const int FollowsCreator = 9;
    public const int HourOfDay = 10;
    public const int RegionMatch = 11;
    public const int CreatorImpressionsLog = 12;
    public const int CreatorLongWatchRate = 13;
    public const int CreatorLikeRate = 14;
    public const int CreatorFollowRate = 15;
    public const int VideoImpressionsLog = 16;
    public const int VideoLongWatchRate = 17;
    public const int VideoLikeRate = 18;
    public const int VideoShareRate = 19;

    /// <summary>Length of the vector.</summary>
    public const int Count = 20;

    public static readonly IReadOnlyList<string> Names =
    [
        "model_score", "origin_ann", "origin_following", "origin_trending", "origin_fresh", "origin_live", "source_score",
        "age_hours", "duration_s", "follows_creator", "hour_of_day", "region_match",
        "creator_impressions_log", "creator_long_watch_rate", "creator_like_rate", "creator_follow_rate",
        "video_impressions_log", "video_long_watch_rate", "video_like_rate", "video_share_rate",
    ];

    /// <summary>Writes the features of one pair into <paramref name="row"/> (length <see cref="Count"/>).</summary>
    /// <param name="origin">0 when unknown (historical impressions do not record their source).</param>
    public static void Write(
        Span<float> row,
        float modelScore,
        CandidateOrigin origin,
        float sourceScore,
        VideoFacts video,
        long nowMs,
        bool followsCreator,
        string requestRegion,
        in EngagementCounts videoCounts,
        in EngagementCounts creatorCounts)
    {
        ArgumentNullException.ThrowIfNull(video);
        row = row[..Count];
        row.Clear();
        row[ModelScore] = modelScore;
        if (origin is >= CandidateOrigin.Ann and <= CandidateOrigin.Live)
        {
            row[OriginFirst + ((int)origin - 1)] = 1;
        }

        row[SourceScore] = float.IsFinite(sourceScore) ? sourceScore : 0;
        row[AgeHours] = Math.Max(0, (nowMs - video.CreatedAtMs) / 3_600_000f);
        row[DurationSeconds] = video.DurationMs / 1_000f;
        row[FollowsCreator] = followsCreator ? 1 : 0;
        row[HourOfDay] = (int)((nowMs / 3_600_000L) % 24);
        row[RegionMatch] = string.Equals(video.OriginRegion, requestRegion, StringComparison.Ordinal) ? 1 : 0;
        row[CreatorImpressionsLog] = MathF.Log(1 + creatorCounts.Impressions);
        row[CreatorLongWatchRate] = Rate(creatorCounts.LongWatches, creatorCounts.Impressions, 0.3f);
        row[CreatorLikeRate] = Rate(creatorCounts.Likes, creatorCounts.Impressions, 0.05f);
        row[CreatorFollowRate] = Rate(creatorCounts.Follows, creatorCounts.Impressions, 0.01f);
        row[VideoImpressionsLog] = MathF.Log(1 + videoCounts.Impressions);
        row[VideoLongWatchRate] = Rate(videoCounts.LongWatches, videoCounts.Impressions, 0.3f);
        row[VideoLikeRate] = Rate(videoCounts.Likes, videoCounts.Impressions, 0.05f);
        row[VideoShareRate] = Rate(videoCounts.Shares, videoCounts.Impressions, 0.01f);
    }

    /// <summary>(events + prior · 10) / (impressions + 10): a rate shrunk toward <paramref name="prior"/>.</summary>
    private static float Rate(int events, int impressions, float prior) => (events + (prior * 10f)) / (impressions + 10f);
}
