using Whisper.Evaluation.Metrics;
using Whisper.Evaluation.Splits;

namespace Whisper.Evaluation.Engine;

/// <summary>
/// The validation slice as the blend sees it: for up to a cap of users with a held-out relevant set, a candidate pool
/// of videos with their standardised features (<see cref="EngineScorer.FeatureNames"/>), so that NDCG@10 of any weight
/// vector is a cheap pass. It scores weight vectors (<see cref="Ndcg"/>, <see cref="NdcgPerUser"/>) and searches them
/// (<see cref="Search"/>, graded by <see cref="CrossFittedNdcgPerUser"/>): coordinate ascent on NDCG@10 itself — the
/// metric the blend is judged by — over a fixed grid, starting from the model alone (all other weights 0), so a weight
/// moves only when it ranks the held-out positives higher. Every feature is standardised, so one grid fits all of them
/// and the weights carry over from the validation model to the final one.
/// <para>
/// The pool is the engine's candidate sources in miniature: the model's top <see cref="PoolPerSource"/> (retrieval),
/// the top <see cref="PoolPerSource"/> by each item feature (trending-like global lists) and the user's top
/// <see cref="PoolPerSource"/> videos by followed creators (following); the user's early positives are excluded, as the
/// evaluator excludes training positives. The model-only ranking of a pool is exact (the model's top 10 is in it); a
/// blend could only rank a video outside every pool into the top 10 with an extreme weight.
/// </para>
/// </summary>
internal sealed class BlendValidation
{
    /// <summary>Candidates per source in a user's search pool.</summary>
    public const int PoolPerSource = 50;

    /// <summary>Sweeps of coordinate ascent (each tries every grid value for every searched weight); stops early when none moved.</summary>
    public const int Sweeps = 2;

    private const int K = 10;

    /// <summary>The values a weight may take, in standard deviations of the model score per standard deviation of the feature.</summary>
    public static readonly double[] Grid = [-2, -1, -0.5, -0.25, -0.1, 0, 0.1, 0.25, 0.5, 1, 2];

    private readonly int _features;
    private readonly int[] _offsets;
    private readonly int[] _items;
    private readonly float[] _modelZ;
    private readonly bool[] _known;
    private readonly float[] _z; // entry-major, _features per entry: follow flag, then the item features' z-scores
    private readonly int[] _relevantOffsets;
    private readonly int[] _relevant; // entry indexes of each user's relevant videos that made the pool
    private readonly double[] _idealDcg;

    private BlendValidation(int features, List<int> offsets, List<int> items, List<float> modelZ, List<bool> known, List<float> z, List<int> relevantOffsets, List<int> relevant, List<double> ideal)
    {
        _features = features;
        (_offsets, _items, _modelZ, _known, _z) = ([.. offsets], [.. items], [.. modelZ], [.. known], [.. z]);
        (_relevantOffsets, _relevant, _idealDcg) = ([.. relevantOffsets], [.. relevant], [.. ideal]);
    }

    /// <summary>Users whose ranking is scored.</summary>
    public int Users => _idealDcg.Length;

    /// <summary>
    /// Builds the search pools of up to <paramref name="maxUsers"/> users with a relevant set in <paramref name="pairs"/>
    /// (sorted, distinct user–item pairs), for <paramref name="scorer"/> trained on <paramref name="early"/>; a user's
    /// own early positives are never in the pool, as the evaluator excludes training positives.
    /// </summary>
    public static BlendValidation Prepare(EngineScorer scorer, TrainingSet early, ReadOnlySpan<long> pairs, int maxUsers)
    {
        var (rowOffsets, relevantItems) = UserItemPairs.ToRows(pairs, early.UserCount);
        var users = new List<int>();
        for (var u = 0; u < early.UserCount; u++)
        {
            if (rowOffsets[u + 1] > rowOffsets[u])
            {
                users.Add(u);
            }
        }

        var itemCount = scorer.ItemCount;
        var h = EnginePriors.ItemFeatureNames.Count;
        var features = 1 + h;
        var itemZ = scorer.Priors.ItemZScores;
        var orders = new int[h][];
        for (var k = 0; k < h; k++)
        {
            var keys = new float[itemCount];
            var order = new int[itemCount];
            for (var i = 0; i < itemCount; i++)
            {
                keys[i] = -itemZ[(i * h) + k];
                order[i] = i;
            }

            Array.Sort(keys, order); // ties only change which of equal-valued videos join a pool
            orders[k] = order;
        }

        List<int> offsets = [0], items = [], relevantOffsets = [0], relevant = [];
        List<float> modelZ = [], z = [];
        List<bool> known = [];
        List<double> ideal = [];
        var userVector = new float[scorer.Model.Dimension];
        var stamp = new int[itemCount];
        var heapItems = new int[PoolPerSource];
        var heapScores = new float[PoolPerSource];
        var followItems = new int[PoolPerSource];
        var followScores = new float[PoolPerSource];
        var drained = new int[PoolPerSource];
        var take = Math.Min(users.Count, maxUsers);
        var stride = take == 0 ? 0 : (double)users.Count / take;
        for (var t = 0; t < take; t++)
        {
            var user = users[(int)(t * stride)];
            var mark = t + 1;
            scorer.UserVector(user, userVector);
            var (mean, scale) = scorer.UserScoreMoments(userVector);
            var exclude = early.PositivesOf(user);
            var byModel = new TopKHeap(heapItems, heapScores);
            var byFollow = new TopKHeap(followItems, followScores);
            var followsAny = scorer.Priors.Follows[user].Length > 0;
            for (var item = 0; item < itemCount; item++)
            {
                if (exclude.BinarySearch(item) >= 0)
                {
                    continue;
                }

                var score = scorer.IsKnown(item) ? scorer.ModelScore(userVector, item) : float.NegativeInfinity;
                byModel.Offer(item, score);
                if (followsAny && scorer.FollowsCreatorOf(user, item))
                {
                    byFollow.Offer(item, float.IsNegativeInfinity(score) ? float.MinValue : score);
                }
            }

            var userRelevant = relevantItems[rowOffsets[user]..rowOffsets[user + 1]];
            var n = byModel.Drain(drained);
            for (var i = 0; i < n; i++)
            {
                Add(drained[i]);
            }

            n = byFollow.Drain(drained);
            for (var i = 0; i < n; i++)
            {
                Add(drained[i]);
            }

            foreach (var order in orders)
            {
                var added = 0;
                for (var i = 0; i < order.Length && added < PoolPerSource; i++)
                {
                    if (exclude.BinarySearch(order[i]) < 0)
                    {
                        Add(order[i]);
                        added++;
                    }
                }
            }

            if (relevant.Count == relevantOffsets[^1])
            {
                // No relevant video made the pool: the user scores 0 whatever the weights; keep the user, drop the pool.
                items.RemoveRange(offsets[^1], items.Count - offsets[^1]);
                known.RemoveRange(offsets[^1], known.Count - offsets[^1]);
                modelZ.RemoveRange(offsets[^1], modelZ.Count - offsets[^1]);
                z.RemoveRange(offsets[^1] * features, z.Count - (offsets[^1] * features));
            }

            offsets.Add(items.Count);
            relevantOffsets.Add(relevant.Count);
            ideal.Add(IdealDcg(userRelevant.Length));

            void Add(int item)
            {
                if (stamp[item] == mark)
                {
                    return;
                }

                stamp[item] = mark;
                if (Array.BinarySearch(userRelevant, item) >= 0)
                {
                    relevant.Add(items.Count);
                }

                var isKnown = scorer.IsKnown(item);
                items.Add(item);
                known.Add(isKnown);
                modelZ.Add(isKnown ? (scorer.ModelScore(userVector, item) - mean) * (1f / scale) : 0f); // as EngineScorer.Rank computes it
                z.Add(scorer.FollowsCreatorOf(user, item) ? 1f : 0f);
                for (var k = 0; k < h; k++)
                {
                    z.Add(itemZ[(item * h) + k]);
                }
            }
        }

        return new BlendValidation(features, offsets, items, modelZ, known, z, relevantOffsets, relevant, ideal);
    }

    /// <summary>
    /// Coordinate ascent from the model alone on the users of <paramref name="fold"/> (0: even positions, 1: odd, null:
    /// all); weights in <see cref="EngineScorer.FeatureNames"/> order, the model's 1.
    /// </summary>
    public double[] Search(int? fold)
    {
        var weights = new double[1 + _features];
        weights[0] = 1;
        var scores = new float[_items.Length];
        Scores(weights, scores);
        var best = Ndcg(scores, 0f, 0, blend: false, fold);
        for (var sweep = 0; sweep < Sweeps; sweep++)
        {
            var moved = false;
            for (var k = 0; k < _features; k++)
            {
                var keep = weights[1 + k];
                var (bestValue, bestNdcg) = (keep, best);
                foreach (var value in Grid)
                {
                    if (value == keep)
                    {
                        continue;
                    }

                    weights[1 + k] = value;
                    var ndcg = Ndcg(scores, (float)(value - keep), k, EngineScorer.IsBlend(weights), fold);
                    if (ndcg > bestNdcg || (ndcg == bestNdcg && Math.Abs(value) < Math.Abs(bestValue)))
                    {
                        (bestValue, bestNdcg) = (value, ndcg);
                    }
                }

                weights[1 + k] = bestValue;
                if (bestValue != keep)
                {
                    moved = true;
                    Scores(weights, scores);
                }

                best = bestNdcg;
            }

            if (!moved)
            {
                break;
            }
        }

        return weights;
    }

    /// <summary>NDCG@10 of the ranking by <paramref name="weights"/> over the users of <paramref name="fold"/> (null: all).</summary>
    public double Ndcg(double[] weights, int? fold = null)
    {
        var scores = new float[_items.Length];
        Scores(weights, scores);
        return Ndcg(scores, 0f, 0, EngineScorer.IsBlend(weights), fold);
    }

    /// <summary>Each user's NDCG@10 of the ranking by <paramref name="weights"/> (length <see cref="Users"/>).</summary>
    public double[] NdcgPerUser(double[] weights)
    {
        var scores = new float[_items.Length];
        Scores(weights, scores);
        var perUser = new double[Users];
        Ndcg(scores, 0f, 0, EngineScorer.IsBlend(weights), null, perUser);
        return perUser;
    }

    /// <summary>
    /// Each user's two-fold cross-fitted NDCG@10 of the weight search: weights searched on the odd users score the even
    /// ones and vice versa, so the figure is not flattered by the search having seen the users it is scored on.
    /// </summary>
    public double[] CrossFittedNdcgPerUser()
    {
        var perUser = new double[Users];
        var scores = new float[_items.Length];
        for (var fold = 0; fold < 2 && Users > 1; fold++)
        {
            var weights = Search(1 - fold);
            Scores(weights, scores);
            Ndcg(scores, 0f, 0, EngineScorer.IsBlend(weights), fold, perUser);
        }

        return perUser;
    }

    /// <summary>IDCG@10 of a user with <paramref name="relevant"/> relevant videos.</summary>
    public static double IdealDcg(int relevant)
    {
        var ideal = 0.0;
        for (var k = 0; k < Math.Min(relevant, K); k++)
        {
            ideal += 1 / Math.Log2(k + 2);
        }

        return ideal;
    }

    private void Scores(double[] weights, float[] scores)
    {
        for (var e = 0; e < scores.Length; e++)
        {
            var s = (double)_modelZ[e];
            for (var k = 0; k < _features; k++)
            {
                s += weights[1 + k] * _z[(e * _features) + k];
            }

            scores[e] = (float)s;
        }
    }

    /// <summary>
    /// Mean NDCG@10: a relevant video's rank is the number of pool videos ranked above it (higher score, or equal score
    /// and lower index — <see cref="TopKHeap"/>'s order); model-only ranking skips videos the model cannot describe.
    /// </summary>
    private double Ndcg(float[] scores, float delta, int feature, bool blend, int? fold, double[]? perUser = null)
    {
        var (total, users) = (0.0, 0);
        var (z, stride) = (_z, _features);
        for (var u = 0; u < Users; u++)
        {
            if (fold is { } only && u % 2 != only)
            {
                continue;
            }

            users++;
            var dcg = 0.0;
            for (var r = _relevantOffsets[u]; r < _relevantOffsets[u + 1]; r++)
            {
                var entry = _relevant[r];
                if (!blend && !_known[entry])
                {
                    continue;
                }

                var score = scores[entry] + (delta * z[(entry * stride) + feature]);
                var item = _items[entry];
                var above = 0;
                for (var e = _offsets[u]; e < _offsets[u + 1]; e++)
                {
                    var other = scores[e] + (delta * z[(e * stride) + feature]);
                    if ((other > score || (other == score && _items[e] < item)) && (blend || _known[e]) && ++above == K)
                    {
                        break;
                    }
                }

                if (above < K)
                {
                    dcg += 1 / Math.Log2(above + 2);
                }
            }

            total += dcg / _idealDcg[u];
            if (perUser is not null)
            {
                perUser[u] = dcg / _idealDcg[u];
            }
        }

        return users == 0 ? 0 : total / users;
    }
}
