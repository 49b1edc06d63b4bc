namespace Whisper.Recommendation.Candidates;

/// <summary>One search hit: a video and its inner product with the query (higher is closer).</summary>
public readonly record struct VectorMatch(long VideoId, float Score);
