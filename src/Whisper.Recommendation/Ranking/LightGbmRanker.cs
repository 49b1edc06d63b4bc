using Whisper.Recommendation.Candidates;

namespace Whisper.Recommendation.Ranking;

/// <summary>
/// Multi-objective ranker: one LightGBM binary model per objective (long watch, like, share, follow), evaluated by the
/// compiled fast path; a candidate's score is Σ weight · P(objective). Thread-safe and allocation-free per request
/// (one stack row of 20 floats, model scores batched per request). An objective that was not trained contributes nothing.
/// </summary>
public sealed class LightGbmRanker : IVersionedRanker
{
    private readonly CompiledTreeEnsemble?[] _models;
    private readonly float[] _weights;
    private readonly RankingFeatureSource _features;

    internal LightGbmRanker(CompiledTreeEnsemble?[] models, RankingFeatureSource features, RankerOptions options, string version)
    {
        options.EnsureValid();
        _models = models;
        _features = features;
        Options = options;
        Version = version;
        _weights = new float[ImpressionDataset.ObjectiveCount];
        for (var k = 0; k < _weights.Length; k++)
        {
            _weights[k] = options.Weight((RankingObjective)k);
        }
    }

    public string Version { get; }

    public RankerOptions Options { get; }

    public bool IsTrained(RankingObjective objective) => _models[(int)objective] is not null;

    /// <summary>The same models with other objective weights (cheap: the trees are shared).</summary>
    public LightGbmRanker WithWeights(RankerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new LightGbmRanker(_models, _features, options, Version);
    }

    /// <summary>P(objective) for one feature row; NaN when the objective was not trained.</summary>
    public float Predict(RankingObjective objective, ReadOnlySpan<float> features) =>
        _models[(int)objective]?.Probability(features) ?? float.NaN;

    /// <summary>Σ weight · P over the trained objectives, for one feature row.</summary>
    public float Combine(ReadOnlySpan<float> features)
    {
        float score = 0;
        for (var k = 0; k < _models.Length; k++)
        {
            if (_models[k] is { } model && _weights[k] != 0)
            {
                score += _weights[k] * model.Probability(features);
            }
        }

        return score;
    }

    public void Score(FeedRequest request, ReadOnlySpan<Candidate> candidates, Span<float> scores)
    {
        ArgumentNullException.ThrowIfNull(request);
        // Model scores first, in one batch (the user tower once per request), into scores; each is then replaced by the combined prediction.
        ModelScores.Fill(_features.Model, _features.Catalog, request.UserId, candidates, scores);
        Combine(request, candidates, scores, scores);
    }

    public void Score(FeedRequest request, ReadOnlySpan<Candidate> candidates, ReadOnlySpan<float> modelScores, Span<float> scores)
    {
        ArgumentNullException.ThrowIfNull(request);
        Combine(request, candidates, modelScores, scores);
    }

    /// <summary>scores[i] = Σ weight · P for candidate i; reads modelScores[i] before writing scores[i], so the two may be the same span.</summary>
    private void Combine(FeedRequest request, ReadOnlySpan<Candidate> candidates, ReadOnlySpan<float> modelScores, Span<float> scores)
    {
        Span<float> row = stackalloc float[RankingFeatures.Count];
        for (var i = 0; i < candidates.Length; i++)
        {
            scores[i] = _features.TryWrite(request, candidates[i], modelScores[i], row) ? Combine(row) : float.NegativeInfinity;
        }
    }
}
