namespace Whisper.Recommendation.Engine;

/// <summary>Start-up progress: <see cref="Stage"/> is "catalog", "train", "observe", "exact index", "ann index" or "ranker"; Total 0 when unknown.</summary>
public readonly record struct EngineProgress(string Stage, long Done, long Total);
