using Whisper.Recommendation.Candidates;

namespace Whisper.Recommendation.Ranking;

/// <summary>
/// Scores candidates for one request: a weighted sum of predicted objectives (long watch, like, share, follow).
/// <paramref name="scores"/> has the same length as <paramref name="candidates"/>.
/// </summary>
public interface IRanker
{
    void Score(FeedRequest request, ReadOnlySpan<Candidate> candidates, Span<float> scores);

    /// <summary>
    /// As <see cref="Score(FeedRequest, ReadOnlySpan{Candidate}, Span{float})"/> when the caller already holds each
    /// candidate's embedding-model score (<c>modelScores[i]</c> = <see cref="Model.IEmbeddingModel.Score"/> of the
    /// user and <c>candidates[i]</c>), so a ranker that uses it as a feature need not compute it again.
    /// </summary>
    void Score(FeedRequest request, ReadOnlySpan<Candidate> candidates, ReadOnlySpan<float> modelScores, Span<float> scores) =>
        Score(request, candidates, scores);
}
