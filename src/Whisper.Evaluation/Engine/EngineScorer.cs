using Whisper.Evaluation.Splits;
using Whisper.Recommendation.Model;

namespace Whisper.Evaluation.Engine;

/// <summary>
/// A trained model read out for brute-force scoring over a training set: every video's tower and bias, each user's
/// serving hour, and the engine's priors. The blend scores (user, video) on standardised features, in the order of
/// <see cref="FeatureNames"/>: the model score as a per-user z-score (its mean and standard deviation over every video
/// the model describes, from the towers' covariance), 1 when the user followed the video's creator, and the item
/// priors (<see cref="EnginePriors"/>) each as a z-score over the item universe. Standardising is what lets weights
/// chosen for the validation model carry over to the final one: both express "how many standard deviations".
/// </summary>
internal sealed class EngineScorer
{
    /// <summary>The blend's features, in weight order: model, follow, then <see cref="EnginePriors.ItemFeatureNames"/>.</summary>
    public static readonly IReadOnlyList<string> FeatureNames = ["model", "follow", .. EnginePriors.ItemFeatureNames];

    /// <summary>Index of the first item-only feature in <see cref="FeatureNames"/>.</summary>
    public const int ItemFeatureFirst = 2;

    public static int FeatureCount => FeatureNames.Count;

    private readonly TrainingSet _training;
    private readonly float[] _videoVectors;
    private readonly float[] _videoBias;
    private readonly bool[] _known;
    private readonly byte[] _userHour;
    private readonly double[] _mean;
    private readonly double[] _covariance;

    private EngineScorer(TrainingSet training, TwoTowerModel model, float[] vectors, float[] bias, bool[] known, byte[] hours, EnginePriors priors)
    {
        (_training, Model, _videoVectors, _videoBias, _known, _userHour, Priors) = (training, model, vectors, bias, known, hours, priors);
        (_mean, _covariance) = Moments(vectors, bias, known, model.Dimension);
    }

    public TwoTowerModel Model { get; }

    public EnginePriors Priors { get; }

    public int ItemCount => _known.Length;

    /// <param name="priors">The training set's priors when already computed (they depend on the events only); null computes them.</param>
    public static EngineScorer Create(TrainingSet training, TwoTowerModel model, EnginePriors? priors = null)
    {
        var dataset = training.Dataset;
        var d = model.Dimension;
        var vectors = new float[(long)dataset.ItemCount * d];
        var bias = new float[dataset.ItemCount];
        var known = new bool[dataset.ItemCount];
        for (var item = 0; item < dataset.ItemCount; item++)
        {
            known[item] = dataset.Catalog.TryGetVideo(dataset.ItemId(item), out var facts)
                && model.TryGetVideoVector(facts, vectors.AsSpan(item * d, d), out bias[item]);
        }

        var hours = new byte[dataset.UserCount];
        var events = dataset.Events;
        foreach (var i in training.EventIndexes)
        {
            hours[events[i].User] = (byte)DateTimeOffset.FromUnixTimeMilliseconds(events[i].TimeMs).Hour;
        }

        return new EngineScorer(training, model, vectors, bias, known, hours, priors ?? EnginePriors.Compute(training));
    }

    /// <summary>Whether the model can describe the item (a video, creator or topic row); others have model z-score 0.</summary>
    public bool IsKnown(int item) => _known[item];

    /// <summary>The user tower into <paramref name="userVector"/>; zeros for a user the model does not know.</summary>
    public void UserVector(int user, Span<float> userVector)
    {
        if (!Model.TryGetUserVector(_training.Dataset.UserId(user), _userHour[user], userVector))
        {
            userVector[..Model.Dimension].Clear();
        }
    }

    /// <summary>User tower · video tower + video and creator bias; 0 for an item the model cannot describe.</summary>
    public float ModelScore(ReadOnlySpan<float> userVector, int item)
    {
        var d = Model.Dimension;
        return _known[item] ? _videoBias[item] + VectorMath.Dot(userVector[..d], _videoVectors.AsSpan(item * d, d)) : 0f;
    }

    /// <summary>
    /// Mean and standard deviation of the user's model scores over the videos the model describes, in O(d²) from the
    /// towers' mean and covariance (exactly what a pass over every video would give). (0, 1) when the model describes none.
    /// </summary>
    public (float Mean, float Scale) UserScoreMoments(ReadOnlySpan<float> userVector)
    {
        var d = Model.Dimension;
        if (_covariance.Length == 0)
        {
            return (0f, 1f);
        }

        // x = (u, 1); mean = x·m, variance = xᵀ C x.
        var mean = _mean[d];
        for (var a = 0; a < d; a++)
        {
            mean += userVector[a] * _mean[a];
        }

        var variance = 0.0;
        for (var a = 0; a <= d; a++)
        {
            var xa = a < d ? userVector[a] : 1f;
            var row = 0.0;
            for (var b = 0; b <= d; b++)
            {
                row += _covariance[(a * (d + 1)) + b] * (b < d ? userVector[b] : 1f);
            }

            variance += xa * row;
        }

        var sd = Math.Sqrt(Math.Max(variance, 0));
        return ((float)mean, sd > 1e-6 ? (float)sd : 1f);
    }

    /// <summary>
    /// The item-only part of a blended score: Σ weight · z-score over the item priors (<paramref name="weights"/> in
    /// <see cref="FeatureNames"/> order; the model and follow weights are not read).
    /// </summary>
    public float[] ItemPriorScores(ReadOnlySpan<double> weights)
    {
        var h = EnginePriors.ItemFeatureNames.Count;
        var z = Priors.ItemZScores;
        var scores = new float[_known.Length];
        for (var item = 0; item < scores.Length; item++)
        {
            var s = 0.0;
            for (var k = 0; k < h; k++)
            {
                s += weights[ItemFeatureFirst + k] * z[(item * h) + k];
            }

            scores[item] = (float)s;
        }

        return scores;
    }

    /// <summary>
    /// Offers every video not in <paramref name="exclude"/> to <paramref name="heap"/> with its blended score: model
    /// z-score (0 for a video the model cannot describe) + <paramref name="prior"/> (from <see cref="ItemPriorScores"/>)
    /// + <paramref name="followWeight"/> when the user followed its creator. <paramref name="blend"/> false ranks the
    /// model score alone and skips videos the model cannot describe.
    /// </summary>
    public void Rank(int user, ReadOnlySpan<float> userVector, ReadOnlySpan<float> prior, float followWeight, bool blend, ReadOnlySpan<int> exclude, ref Metrics.TopKHeap heap)
    {
        var d = Model.Dimension;
        var u = userVector[..d];
        var (mean, scale) = UserScoreMoments(u);
        var inverse = 1f / scale;
        var follows = followWeight != 0 && Priors.Follows[user].Length > 0;
        for (var item = 0; item < _known.Length; item++)
        {
            if (exclude.BinarySearch(item) >= 0)
            {
                continue;
            }

            if (!_known[item])
            {
                if (blend)
                {
                    heap.Offer(item, prior[item] + (follows && FollowsCreatorOf(user, item) ? followWeight : 0f));
                }

                continue; // model-only ranking never recommends a video the model cannot describe
            }

            var z = (_videoBias[item] + VectorMath.Dot(u, _videoVectors.AsSpan(item * d, d)) - mean) * inverse;
            var score = blend ? z + prior[item] : z;
            if (follows && FollowsCreatorOf(user, item))
            {
                score += followWeight;
            }

            heap.Offer(item, score);
        }
    }

    public bool FollowsCreatorOf(int user, int item) => Priors.FollowsCreator(user, _training.Dataset.CreatorOf(item));

    /// <summary>Whether <paramref name="weights"/> uses any feature besides the model (then unknown videos are ranked too).</summary>
    public static bool IsBlend(ReadOnlySpan<double> weights) => weights[1..].IndexOfAnyExcept(0.0) >= 0;

    private static (double[] Mean, double[] Covariance) Moments(float[] vectors, float[] bias, bool[] known, int d)
    {
        var n = 0;
        var mean = new double[d + 1];
        for (var item = 0; item < known.Length; item++)
        {
            if (!known[item])
            {
                continue;
            }

            n++;
            for (var a = 0; a < d; a++)
            {
                mean[a] += vectors[(item * d) + a];
            }

            mean[d] += bias[item];
        }

        if (n == 0)
        {
            return (mean, []);
        }

        for (var a = 0; a <= d; a++)
        {
            mean[a] /= n;
        }

        var covariance = new double[(d + 1) * (d + 1)];
        var x = new double[d + 1];
        for (var item = 0; item < known.Length; item++)
        {
            if (!known[item])
            {
                continue;
            }

            for (var a = 0; a < d; a++)
            {
                x[a] = vectors[(item * d) + a] - mean[a];
            }

            x[d] = bias[item] - mean[d];
            for (var a = 0; a <= d; a++)
            {
                for (var b = a; b <= d; b++)
                {
                    covariance[(a * (d + 1)) + b] += x[a] * x[b];
                }
            }
        }

        for (var a = 0; a <= d; a++)
        {
            for (var b = a; b <= d; b++)
            {
                covariance[(a * (d + 1)) + b] /= n;
                covariance[(b * (d + 1)) + a] = covariance[(a * (d + 1)) + b];
            }
        }

        return (mean, covariance);
    }
}
