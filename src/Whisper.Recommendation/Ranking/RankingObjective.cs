namespace Whisper.Recommendation.Ranking;

/// <summary>What the ranker predicts per (user, candidate). Values index per-objective arrays: never renumber.</summary>
public enum RankingObjective
{
    /// <summary>The user watches at least <see cref="RankerOptions.LongWatchRatio"/> of the video.</summary>
    LongWatch = 0,
    Like = 1,
    Share = 2,
    Follow = 3,
}
