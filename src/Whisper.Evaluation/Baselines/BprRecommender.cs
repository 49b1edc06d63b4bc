using System.Globalization;

using Whisper.Evaluation.Metrics;
using Whisper.Evaluation.Splits;

namespace Whisper.Evaluation.Baselines;

/// <summary>
/// Matrix factorisation trained with BPR (Rendle et al. 2009) by plain SGD on one thread, seeded, so a run is
/// reproducible. Each epoch draws as many (user, positive, negative) triples as there are training positive pairs:
/// the pair uniformly, the negative uniformly among items with a training positive that the user has not liked.
/// Score = item bias + user · item. Only items with a training positive are scored (the model has not seen the rest).
/// </summary>
public sealed class BprRecommender : IRecommender
{
    private readonly BprOptions _options;
    private TrainingSet? _training;
    private float[] _users = [];
    private float[] _items = [];
    private float[] _bias = [];
    private int[] _known = [];

    public BprRecommender(BprOptions? options = null)
    {
        _options = options ?? new BprOptions();
        var o = _options;
        Parameters = new Dictionary<string, string>
        {
            ["factors"] = o.Factors.ToString(CultureInfo.InvariantCulture),
            ["epochs"] = o.Epochs.ToString(CultureInfo.InvariantCulture),
            ["learningRate"] = o.LearningRate.ToString(CultureInfo.InvariantCulture),
            ["regularization"] = o.Regularization.ToString(CultureInfo.InvariantCulture),
            ["initStd"] = o.InitStd.ToString(CultureInfo.InvariantCulture),
            ["seed"] = o.Seed.ToString(CultureInfo.InvariantCulture),
        };
    }

    public string Name => "bpr-mf";

    public IReadOnlyDictionary<string, string> Parameters { get; }

    public Task FitAsync(TrainingSet training, IProgress<EvaluationProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(training);
        _training = training;
        var f = _options.Factors;
        var random = new SplitMix64((ulong)_options.Seed);
        _users = Initialise(training.UserCount * f, ref random);
        _items = Initialise(training.ItemCount * f, ref random);
        _bias = new float[training.ItemCount];
        var known = new List<int>();
        var popularity = training.ItemPositiveUsers;
        for (var i = 0; i < popularity.Length; i++)
        {
            if (popularity[i] > 0)
            {
                known.Add(i);
            }
        }

        _known = [.. known];
        var pairUsers = new int[training.PositivePairCount];
        var pairItems = new int[training.PositivePairCount];
        for (int u = 0, p = 0; u < training.UserCount; u++)
        {
            foreach (var i in training.PositivesOf(u))
            {
                pairUsers[p] = u;
                pairItems[p++] = i;
            }
        }

        if (pairUsers.Length == 0 || _known.Length < 2)
        {
            return Task.CompletedTask;
        }

        var lr = _options.LearningRate;
        var reg = _options.Regularization;
        var step = new float[f];
        for (var epoch = 0; epoch < _options.Epochs; epoch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (var s = 0; s < pairUsers.Length; s++)
            {
                var p = random.NextInt(pairUsers.Length);
                var u = pairUsers[p];
                var i = pairItems[p];
                var positives = training.PositivesOf(u);
                var j = _known[random.NextInt(_known.Length)];
                for (var tries = 0; tries < 8 && positives.BinarySearch(j) >= 0; tries++)
                {
                    j = _known[random.NextInt(_known.Length)];
                }

                if (positives.BinarySearch(j) >= 0)
                {
                    continue;
                }

                var wu = _users.AsSpan(u * f, f);
                var wi = _items.AsSpan(i * f, f);
                var wj = _items.AsSpan(j * f, f);
                var x = _bias[i] - _bias[j] + VectorMath.Dot(wu, wi) - VectorMath.Dot(wu, wj);
                var g = (float)(1.0 / (1.0 + Math.Exp(x))); // σ(−x): the gradient of ln σ(x)
                for (var k = 0; k < f; k++)
                {
                    step[k] = wu[k];
                    wu[k] += lr * ((g * (wi[k] - wj[k])) - (reg * wu[k]));
                    wi[k] += lr * ((g * step[k]) - (reg * wi[k]));
                    wj[k] += lr * ((-g * step[k]) - (reg * wj[k]));
                }

                _bias[i] += lr * (g - (reg * _bias[i]));
                _bias[j] += lr * (-g - (reg * _bias[j]));
            }

            progress?.Report(new EvaluationProgress("fit:" + Name, epoch + 1, _options.Epochs));
        }

        return Task.CompletedTask;
    }

    public int Recommend(int user, ReadOnlySpan<int> exclude, Span<int> into, RecommendationScratch scratch)
    {
        ArgumentNullException.ThrowIfNull(scratch);
        _ = _training ?? throw new InvalidOperationException("Call FitAsync first.");
        var f = _options.Factors;
        var wu = _users.AsSpan(user * f, f);
        var heap = new TopKHeap(scratch.HeapItems[..into.Length], scratch.HeapScores);
        foreach (var i in _known)
        {
            if (exclude.BinarySearch(i) < 0)
            {
                heap.Offer(i, _bias[i] + VectorMath.Dot(wu, _items.AsSpan(i * f, f)));
            }
        }

        return heap.Drain(into);
    }

    private float[] Initialise(int length, ref SplitMix64 random)
    {
        var values = new float[length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)(random.NextGaussian() * _options.InitStd);
        }

        return values;
    }
}
