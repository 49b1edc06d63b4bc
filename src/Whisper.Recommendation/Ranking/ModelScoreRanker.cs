using Whisper.Recommendation.Candidates;
using Whisper.Recommendation.Model;

namespace Whisper.Recommendation.Ranking;

/// <summary>
/// The fallback ranker, serving until a LightGBM model is trained (or when one measures worse): the embedding model's
/// score of the pair. For a cold-start request (no user vector) every model score is 0, so it ranks by the source's
/// own score instead — trending and fresh sources order their candidates themselves.
/// </summary>
public sealed class ModelScoreRanker(IEmbeddingModel model) : IVersionedRanker
{
    private readonly IEmbeddingModel _model = model ?? throw new ArgumentNullException(nameof(model));

    public string Version => "model-score";

    public void Score(FeedRequest request, ReadOnlySpan<Candidate> candidates, Span<float> scores)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.UserVector.Length == 0)
        {
            for (var i = 0; i < candidates.Length; i++)
            {
                scores[i] = candidates[i].SourceScore;
            }

            return;
        }

        // One user tower per request, then a dot product per candidate (identical to Score per pair).
        ModelScores.Fill(_model, request.UserId, candidates, scores);
    }
}
