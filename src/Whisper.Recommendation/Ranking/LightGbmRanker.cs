using System.Buffers;

using Whisper.Recommendation.Candidates;

namespace Whisper.Recommendation.Ranking;

/// <summary>
/// Multi-objective ranker: one LightGBM binary model per objective (long watch, like, share, follow), evaluated by the
/// compiled fast path; a candidate's score is Σ weight · P(objective). Thread-safe and allocation-free per request
/// (feature rows on the stack up to 128 candidates, model scores batched per request, trees walked batch by batch). An objective that was not trained contributes nothing.
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

    /// <summary>Where the feature rows come from (catalog, model, live counters).</summary>
    public RankingFeatureSource Features => _features;

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

    /// <summary>
    /// scores[i] = Σ weight · P for candidate i (−∞ for a video the catalog does not know), the whole batch through
    /// each objective's trees at once. Every row is written before any score, so the two spans may be the same.
    /// </summary>
    private void Combine(FeedRequest request, ReadOnlySpan<Candidate> candidates, ReadOnlySpan<float> modelScores, Span<float> scores)
    {
        const int Width = RankingFeatures.Count;
        const int StackRows = 128;
        var n = candidates.Length;
        float[]? rentedRows = null;
        int[]? rentedSlots = null;
        double[]? rentedMargins = null;
        float[]? rentedFloats = null;
        var rows = n <= StackRows ? stackalloc float[StackRows * Width] : (rentedRows = ArrayPool<float>.Shared.Rent(n * Width));
        var slots = n <= StackRows ? stackalloc int[StackRows] : (rentedSlots = ArrayPool<int>.Shared.Rent(n));
        var margins = n <= StackRows ? stackalloc double[StackRows] : (rentedMargins = ArrayPool<double>.Shared.Rent(n));
        var floats = n <= StackRows ? stackalloc float[StackRows * 2] : (rentedFloats = ArrayPool<float>.Shared.Rent(n * 2));
        try
        {
            var known = 0;
            for (var i = 0; i < n; i++)
            {
                if (_features.TryWrite(request, candidates[i], modelScores[i], rows.Slice(known * Width, Width)))
                {
                    slots[known++] = i;
                }
            }

            var combined = floats[..known];
            var probabilities = floats.Slice(known, known);
            combined.Clear();
            for (var k = 0; k < _models.Length; k++)
            {
                if (_models[k] is { } model && _weights[k] != 0)
                {
                    model.Probabilities(rows, known, margins, probabilities);
                    for (var j = 0; j < known; j++)
                    {
                        combined[j] += _weights[k] * probabilities[j];
                    }
                }
            }

            scores[..n].Fill(float.NegativeInfinity);
            for (var j = 0; j < known; j++)
            {
                scores[slots[j]] = combined[j];
            }
        }
        finally
        {
            ReturnIfRented(rentedRows);
            ReturnIfRented(rentedSlots);
            ReturnIfRented(rentedMargins);
            ReturnIfRented(rentedFloats);
        }
    }

    private static void ReturnIfRented<T>(T[]? rented)
    {
        if (rented is not null)
        {
            ArrayPool<T>.Shared.Return(rented);
        }
    }
}
