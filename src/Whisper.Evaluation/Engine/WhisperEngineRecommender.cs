using System.Globalization;

using Whisper.Evaluation.Metrics;
using Whisper.Evaluation.Splits;
using Whisper.Recommendation.Model;
using Whisper.Recommendation.Training;

namespace Whisper.Evaluation.Engine;

/// <summary>
/// The Whisper engine under evaluation: the two-tower model trained from scratch on the training split's events in
/// log order (<see cref="OnlineTrainer.TrainFromScratchAsync"/> through <see cref="TrainingEventLog"/>, the fork's
/// full-retrain mode), with the long-watch threshold of the dataset's <see cref="Data.RelevanceRule"/>, then every
/// video scored by brute force. The score blends the model with the engine's own serving priors
/// (<see cref="EngineScorer"/>): model score, time-decayed popularity, follow of the creator. The blend weights are
/// fitted by a logistic regression on a validation slice carved from the training period only (the last
/// <see cref="ValidationFraction"/> of its time span): a model trained on the earlier part scores that slice's new
/// positives against sampled videos; then the model is retrained on the whole training set. No ANN, candidate
/// sources or re-ranking. The user tower is read at the UTC hour of the user's last training event.
/// </summary>
public sealed class WhisperEngineRecommender : IRecommender
{
    /// <summary>Share of the training time span held out to fit the blend weights (fixed a priori).</summary>
    public const double ValidationFraction = 0.1;

    /// <summary>Uniformly drawn videos per validation positive, as the blend's negatives.</summary>
    public const int ValidationNegatives = 20;

    /// <summary>Cap on blend examples (positives and negatives) so the fit stays in milliseconds.</summary>
    public const int MaxValidationExamples = 60_000;

    /// <summary>Users whose validation ranking is scored when choosing among <see cref="Candidates"/>.</summary>
    public const int MaxValidationUsers = 1_000;

    private readonly OnlineTrainerOptions _options;
    private readonly bool _blend;
    private readonly bool _select;
    private readonly SplitKind _validation;
    private readonly Dictionary<string, string> _parameters;
    private EngineScorer? _scorer;
    private double[] _weights = [];
    private float[] _itemPrior = [];
    private bool _rankUnknown;

    /// <param name="options">Trainer options; null: <see cref="DefaultOptions"/>.</param>
    /// <param name="blend">False ranks by the model score alone (the blend weights stay 1, 0, …).</param>
    /// <param name="select">
    /// True (the default when <paramref name="options"/> is null) chooses among <see cref="Candidates"/> of the options,
    /// and between blend and model-only ranking, by NDCG@10 on the validation slice; false trains the options as given.
    /// </param>
    /// <param name="validation">
    /// How the validation slice is carved from the training set: <see cref="SplitKind.Temporal"/> (the default) holds out
    /// the last <see cref="ValidationFraction"/> of its time span; <see cref="SplitKind.LeaveLastOut"/> holds out each
    /// user's last training positive — pass the evaluation's own split so validation asks the test's question.
    /// </param>
    public WhisperEngineRecommender(OnlineTrainerOptions? options = null, bool blend = true, bool? select = null, SplitKind validation = SplitKind.Temporal)
    {
        _options = (options ?? DefaultOptions) with { CheckpointDirectory = null };
        _blend = blend;
        _select = select ?? options is null;
        _validation = validation;
        var m = _options.Model;
        _parameters = new Dictionary<string, string>
        {
            ["model"] = "two-tower",
            ["dimension"] = m.Dimension.ToString(CultureInfo.InvariantCulture),
            ["learningRate"] = m.LearningRate.ToString(CultureInfo.InvariantCulture),
            ["negativesPerPositive"] = m.NegativesPerPositive.ToString(CultureInfo.InvariantCulture),
            ["historyDecay"] = m.HistoryDecay.ToString(CultureInfo.InvariantCulture),
            ["epochs"] = _options.Epochs.ToString(CultureInfo.InvariantCulture),
            ["seed"] = m.Seed.ToString(CultureInfo.InvariantCulture),
            ["batchSize"] = _options.BatchSize.ToString(CultureInfo.InvariantCulture),
            ["scoring"] = blend ? "brute-force, blend" : "brute-force, model only",
            ["validationSplit"] = validation == SplitKind.LeaveLastOut ? "leave-last-out" : "temporal",
        };
    }

    /// <summary>The engine's evaluation settings: the trainer's defaults with <see cref="OnlineTrainerOptions.Epochs"/> 3 (the offline retrain).</summary>
    public static OnlineTrainerOptions DefaultOptions { get; } = new() { Epochs = 3 };

    public string Name => "whisper";

    public IReadOnlyDictionary<string, string> Parameters => _parameters;

    public async Task FitAsync(TrainingSet training, IProgress<EvaluationProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(training);
        var dataset = training.Dataset;
        var longWatch = (float)dataset.Relevance.LongWatchFraction;
        _parameters["longWatchFraction"] = longWatch.ToString(CultureInfo.InvariantCulture);
        OnlineTrainerOptions[] candidates = _select ? [.. Candidates(_options)] : [_options];
        for (var c = 0; c < candidates.Length; c++)
        {
            candidates[c] = candidates[c] with { Model = candidates[c].Model with { LongWatchFraction = longWatch } };
        }

        var options = candidates[0];
        double[] weights = [1, .. new double[EngineScorer.FeatureCount - 1]];
        var blend = _blend;
        if ((_blend || candidates.Length > 1) && (_validation == SplitKind.LeaveLastOut ? CarveLastOut(training) : Carve(training)) is { } carved)
        {
            var best = double.NegativeInfinity;
            var log = new List<string>();
            foreach (var candidate in candidates)
            {
                var early = await TrainAsync(carved.Early, candidate, progress, "fit:" + Name + ":validation", cancellationToken).ConfigureAwait(false);
                double[] modelOnly = [1, .. new double[EngineScorer.FeatureCount - 1]];
                var fitted = _blend ? FitWeights(early, carved.Early, carved.Late, candidate.Model.Seed) : null;
                foreach (var (w, blended) in fitted is null ? [(modelOnly, false)] : new[] { (fitted, true), (modelOnly, false) })
                {
                    var ndcg = ValidationNdcg(early, training, carved.Early, carved.Late, w);
                    log.Add(string.Create(CultureInfo.InvariantCulture, $"{Describe(candidate)}{(blended ? "" : " model-only")}={ndcg:F4}"));
                    if (ndcg > best)
                    {
                        (best, options, weights, blend) = (ndcg, candidate, w, blended);
                    }
                }
            }

            _parameters["validation"] = string.Join("; ", log);
        }

        var m = options.Model;
        _parameters["learningRate"] = m.LearningRate.ToString(CultureInfo.InvariantCulture);
        _parameters["negativesPerPositive"] = m.NegativesPerPositive.ToString(CultureInfo.InvariantCulture);
        _parameters["historyDecay"] = m.HistoryDecay.ToString(CultureInfo.InvariantCulture);
        _parameters["shortViewWeight"] = m.ShortViewWeight.ToString(CultureInfo.InvariantCulture);
        _parameters["epochs"] = options.Epochs.ToString(CultureInfo.InvariantCulture);
        _parameters["loss"] = m.Loss == TrainingLoss.Pairwise ? "pairwise" : "pointwise";
        _parameters["l2"] = m.L2.ToString(CultureInfo.InvariantCulture);
        _parameters["negativeSampling"] = m.NegativeSampling == NegativeSampling.Uniform ? "uniform" : "exposure";
        _parameters["scoring"] = blend ? "brute-force, blend" : "brute-force, model only";
        var scorer = await TrainAsync(training, options, progress, "fit:" + Name, cancellationToken).ConfigureAwait(false);
        _parameters["blendWeights"] = string.Join(" ", weights.Select(w => w.ToString("G4", CultureInfo.InvariantCulture)));
        (_scorer, _weights, _itemPrior, _rankUnknown) = (scorer, weights, scorer.ItemPriorScores(weights), weights.AsSpan(1).IndexOfAnyExcept(0.0) >= 0);
    }

    /// <summary>
    /// The fixed grid the validation slice chooses from (documented in docs/evaluation.md): the given options, then
    /// with history decay 0, with short views unlabelled (ShortViewWeight 0: on explicit-rating imports a mediocre
    /// rating is still a chosen watch, not a rejection), and both; then six settings for pure collaborative data —
    /// uniform negatives (<see cref="NegativeSampling.Uniform"/>) with weight decay, short views unlabelled, history
    /// decay 0: pairwise (BPR) loss at L2 1e-3, 1e-2, 3e-2 (10 epochs) and 1e-2 (20 epochs), pointwise at L2 1e-2 and
    /// 3e-2 (10 epochs).
    /// </summary>
    public static IEnumerable<OnlineTrainerOptions> Candidates(OnlineTrainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var m = options.Model;
        yield return options;
        yield return options with { Model = m with { HistoryDecay = 0 } };
        yield return options with { Model = m with { ShortViewWeight = 0 } };
        yield return options with { Model = m with { HistoryDecay = 0, ShortViewWeight = 0 } };
        foreach (var (loss, epochs, l2) in new[]
        {
            (TrainingLoss.Pairwise, 10, 1e-3f), (TrainingLoss.Pairwise, 10, 1e-2f), (TrainingLoss.Pairwise, 10, 3e-2f),
            (TrainingLoss.Pairwise, 20, 1e-2f), (TrainingLoss.Pointwise, 10, 1e-2f), (TrainingLoss.Pointwise, 10, 3e-2f),
        })
        {
            yield return options with
            {
                Epochs = epochs,
                Model = m with
                {
                    Loss = loss,
                    L2 = l2,
                    NegativeSampling = NegativeSampling.Uniform,
                    HistoryDecay = 0,
                    ShortViewWeight = 0,
                    NegativesPerPositive = Math.Max(m.NegativesPerPositive, 1),
                },
            };
        }
    }

    private static string Describe(OnlineTrainerOptions o) =>
        string.Create(CultureInfo.InvariantCulture, $"e{o.Epochs} h{o.Model.HistoryDecay} sv{o.Model.ShortViewWeight}{(o.Model.Loss == TrainingLoss.Pairwise ? " bpr" : "")}{(o.Model.NegativeSampling == NegativeSampling.Uniform ? " uniform" : "")}{(o.Model.L2 > 0 ? $" l2={o.Model.L2}" : "")}");

    public int Recommend(int user, ReadOnlySpan<int> exclude, Span<int> into, RecommendationScratch scratch)
    {
        ArgumentNullException.ThrowIfNull(scratch);
        var scorer = _scorer ?? throw new InvalidOperationException("Call FitAsync first.");
        var userVector = scratch.Vector(scorer.Model.Dimension);
        scorer.UserVector(user, userVector);
        var wModel = (float)_weights[0];
        var wFollow = (float)_weights[^1];
        var follows = scorer.Priors.Follows[user].Length > 0;
        var heap = new TopKHeap(scratch.HeapItems[..into.Length], scratch.HeapScores);
        for (var item = 0; item < _itemPrior.Length; item++)
        {
            if (exclude.BinarySearch(item) >= 0 || (!_rankUnknown && !scorer.IsKnown(item)))
            {
                continue; // model-only ranking never recommends a video the model cannot describe
            }

            var score = _itemPrior[item] + (wModel * scorer.Dot(userVector, item));
            if (follows && scorer.FollowsCreatorOf(user, item))
            {
                score += wFollow;
            }

            heap.Offer(item, score);
        }

        return heap.Drain(into);
    }

    private static async Task<EngineScorer> TrainAsync(TrainingSet set, OnlineTrainerOptions options, IProgress<EvaluationProgress>? progress, string stage, CancellationToken ct)
    {
        var forward = progress is null ? null : new ForwardProgress(progress, stage);
        using var trainer = await OnlineTrainer.TrainFromScratchAsync(new TrainingEventLog(set), set.Dataset.Catalog, options, forward, cancellationToken: ct).ConfigureAwait(false);
        return EngineScorer.Create(set, trainer.Model);
    }

    /// <summary>The training events before the last <see cref="ValidationFraction"/> of the training time span; null when either side is empty.</summary>
    private static (TrainingSet Early, long[] Late)? Carve(TrainingSet training)
    {
        var events = training.Dataset.Events;
        var indexes = training.EventIndexes;
        if (indexes.Length == 0)
        {
            return null;
        }

        long first = long.MaxValue, last = long.MinValue;
        foreach (var i in indexes)
        {
            first = Math.Min(first, events[i].TimeMs);
            last = Math.Max(last, events[i].TimeMs);
        }

        var lateStart = first + (long)Math.Round((1 - ValidationFraction) * (last - first));
        var early = new List<int>(indexes.Length);
        foreach (var i in indexes)
        {
            if (events[i].TimeMs < lateStart)
            {
                early.Add(i);
            }
        }

        if (early.Count == 0 || early.Count == indexes.Length)
        {
            return null;
        }

        var earlySet = new TrainingSet(training.Dataset, [.. early]);
        var late = new List<long>();
        foreach (var i in indexes)
        {
            ref readonly var e = ref events[i];
            if (e.TimeMs >= lateStart && e.IsPositive && earlySet.PositivesOf(e.User).Length > 0 && earlySet.PositivesOf(e.User).BinarySearch(e.Item) < 0)
            {
                late.Add(UserItemPairs.Pack(e.User, e.Item));
            }
        }

        var pairs = late.ToArray();
        return (earlySet, pairs[..UserItemPairs.SortDistinct(pairs)]);
    }

    /// <summary>
    /// Leave-last-out inside the training set (the validation protocol when the evaluation split is leave-last-out):
    /// each user's last training positive (latest time, later position on a tie) is held out with all of the user's
    /// training events on that item, when the user has a positive on another item. Null when nobody qualifies.
    /// </summary>
    private static (TrainingSet Early, long[] Late)? CarveLastOut(TrainingSet training)
    {
        var events = training.Dataset.Events;
        var indexes = training.EventIndexes;
        var lastPositive = new int[training.UserCount];
        Array.Fill(lastPositive, -1);
        foreach (var i in indexes)
        {
            ref readonly var e = ref events[i];
            if (e.IsPositive && (lastPositive[e.User] < 0 || e.TimeMs >= events[lastPositive[e.User]].TimeMs))
            {
                lastPositive[e.User] = i;
            }
        }

        var heldOut = new int[training.UserCount];
        Array.Fill(heldOut, -1);
        foreach (var i in indexes)
        {
            ref readonly var e = ref events[i];
            var last = lastPositive[e.User];
            if (e.IsPositive && last >= 0 && events[last].Item != e.Item)
            {
                heldOut[e.User] = events[last].Item;
            }
        }

        var early = new List<int>(indexes.Length);
        foreach (var i in indexes)
        {
            if (heldOut[events[i].User] != events[i].Item)
            {
                early.Add(i);
            }
        }

        var late = new List<long>();
        for (var u = 0; u < heldOut.Length; u++)
        {
            if (heldOut[u] >= 0)
            {
                late.Add(UserItemPairs.Pack(u, heldOut[u]));
            }
        }

        var pairs = late.ToArray();
        return pairs.Length == 0 ? null : (new TrainingSet(training.Dataset, [.. early]), pairs[..UserItemPairs.SortDistinct(pairs)]);
    }

    /// <summary>
    /// Validation examples: for each user with an early positive, the videos first positive for them in the late slice
    /// (label 1) and <see cref="ValidationNegatives"/> uniformly drawn videos each that were positive for them in
    /// neither part (label 0) — the same question the temporal split asks, inside the training period.
    /// </summary>
    private static double[]? FitWeights(EngineScorer scorer, TrainingSet early, long[] pairs, long seed)
    {
        var dataset = early.Dataset;
        var distinct = pairs.Length;
        if (distinct == 0)
        {
            return null;
        }

        var f = EngineScorer.FeatureCount;
        var perPositive = 1 + ValidationNegatives;
        var take = Math.Min(distinct, MaxValidationExamples / perPositive);
        var stride = (double)distinct / take;
        var x = new float[take * perPositive * f];
        var y = new byte[take * perPositive];
        var userVector = new float[scorer.Model.Dimension];
        var n = 0;
        var random = new SplitMix64(SplitMix64.Mix((ulong)seed ^ 0x5EED_B1E4_D0000000UL));
        var lastUser = -1;
        for (var t = 0; t < take; t++)
        {
            var pair = pairs[(int)(t * stride)];
            var (user, item) = (UserItemPairs.User(pair), UserItemPairs.Item(pair));
            if (user != lastUser)
            {
                scorer.UserVector(user, userVector);
                lastUser = user;
            }

            scorer.Features(user, userVector, item, x.AsSpan(n * f, f));
            y[n++] = 1;
            for (var j = 0; j < ValidationNegatives; j++)
            {
                var negative = random.NextInt(dataset.ItemCount);
                if (early.PositivesOf(user).BinarySearch(negative) >= 0 || Array.BinarySearch(pairs, 0, distinct, UserItemPairs.Pack(user, negative)) >= 0)
                {
                    continue;
                }

                scorer.Features(user, userVector, negative, x.AsSpan(n * f, f));
                y[n++] = 0;
            }
        }

        return BlendWeights.Fit(x.AsSpan(0, n * f), y.AsSpan(0, n), f);
    }

    /// <summary>
    /// NDCG@10 of a full brute-force ranking (the blend with <paramref name="weights"/>) on the validation slice: for up
    /// to <see cref="MaxValidationUsers"/> users with an early positive, the videos first positive for them in the late
    /// slice are the relevant set; early positives are excluded, as the evaluator excludes training positives.
    /// </summary>
    private static double ValidationNdcg(EngineScorer scorer, TrainingSet training, TrainingSet early, long[] pairs, double[] weights)
    {
        var distinct = pairs.Length;
        if (distinct == 0)
        {
            return 0;
        }

        var (offsets, items) = UserItemPairs.ToRows(pairs.AsSpan(0, distinct), training.UserCount);
        var users = new List<int>();
        for (var u = 0; u < training.UserCount; u++)
        {
            if (offsets[u + 1] > offsets[u])
            {
                users.Add(u);
            }
        }

        var prior = scorer.ItemPriorScores(weights);
        var rankUnknown = weights.AsSpan(1).IndexOfAnyExcept(0.0) >= 0;
        var (wModel, wFollow) = ((float)weights[0], (float)weights[^1]);
        var userVector = new float[scorer.Model.Dimension];
        var heapItems = new int[10];
        var heapScores = new float[10];
        var top = new int[10];
        var take = Math.Min(users.Count, MaxValidationUsers);
        var stride = (double)users.Count / take;
        var total = 0.0;
        for (var t = 0; t < take; t++)
        {
            var user = users[(int)(t * stride)];
            scorer.UserVector(user, userVector);
            var exclude = early.PositivesOf(user);
            var heap = new TopKHeap(heapItems, heapScores);
            for (var item = 0; item < prior.Length; item++)
            {
                if (exclude.BinarySearch(item) >= 0 || (!rankUnknown && !scorer.IsKnown(item)))
                {
                    continue;
                }

                var score = prior[item] + (wModel * scorer.Dot(userVector, item));
                if (wFollow != 0 && scorer.FollowsCreatorOf(user, item))
                {
                    score += wFollow;
                }

                heap.Offer(item, score);
            }

            var n = heap.Drain(top);
            var relevant = items.AsSpan(offsets[user], offsets[user + 1] - offsets[user]);
            double dcg = 0, ideal = 0;
            for (var k = 0; k < n; k++)
            {
                dcg += relevant.BinarySearch(top[k]) >= 0 ? 1 / Math.Log2(k + 2) : 0;
            }

            for (var k = 0; k < Math.Min(relevant.Length, 10); k++)
            {
                ideal += 1 / Math.Log2(k + 2);
            }

            total += dcg / ideal;
        }

        return total / take;
    }

    private sealed class ForwardProgress(IProgress<EvaluationProgress> inner, string stage) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => inner.Report(new EvaluationProgress(stage, value.Done, value.Total));
    }
}
