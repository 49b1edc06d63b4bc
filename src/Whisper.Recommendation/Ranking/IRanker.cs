using Whisper.Recommendation.Candidates;

namespace Whisper.Recommendation.Ranking;

/// <summary>
/// Scores candidates for one request: a weighted sum of predicted objectives (long watch, like, share, follow).
/// <paramref name="scores"/> has the same length as <paramref name="candidates"/>.
/// </summary>
public interface IRanker
{
    void Score(FeedRequest request, ReadOnlySpan<Candidate> candidates, Span<float> scores);
}
