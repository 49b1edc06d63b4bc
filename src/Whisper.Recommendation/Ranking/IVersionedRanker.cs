namespace Whisper.Recommendation.Ranking;

/// <summary>A ranker that names its build, so served pages and reports can say which ranker produced them.</summary>
public interface IVersionedRanker : IRanker
{
    /// <summary>e.g. "model-score" or "lightgbm-3f2a9c1e".</summary>
    string Version { get; }
}
