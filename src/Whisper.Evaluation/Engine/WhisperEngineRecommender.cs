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
/// video scored by brute force. The score blends the model with the engine's own serving signals
/// (<see cref="EngineScorer"/>, <see cref="EnginePriors"/>): the model score as a per-user z-score, follow of the
/// creator, time-decayed popularity (the trending source) and the ranker's video engagement features, each
/// standardised. Trainer settings (<see cref="Candidates"/>) and blend weights are chosen on a validation slice carved
/// from the training set only — the last <see cref="ValidationFraction"/> of its time span, or each user's last
/// training positive (<see cref="SplitKind.LeaveLastOut"/>) — by NDCG@10 of a model trained on the rest: per candidate,
/// model-only ranking, weights from a logistic regression (<see cref="BlendWeights"/>) and weights searched on NDCG@10
/// itself (<see cref="BlendValidation"/>, scored cross-fitted) compete; then the chosen settings are retrained on the
/// whole training set and the chosen weights applied. No ANN, candidate sources or re-ranking. The user tower is read
/// at the UTC hour of the user's last training event.
/// </summary>
public sealed class WhisperEngineRecommender : IRecommender
{
    /// <summary>Share of the training time span held out to fit the blend weights (fixed a priori).</summary>
    public const double ValidationFraction = 0.1;

    /// <summary>Users whose validation ranking is scored when choosing among <see cref="Candidates"/>.</summary>
    public const int MaxValidationUsers = 2_000;

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
    /// and among model-only ranking and the two fitted blends, by NDCG@10 on the validation slice; false trains the
    /// options as given (still choosing the blend on the validation slice unless <paramref name="blend"/> is false).
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
        double[] weights = ModelOnly;
        var fit = "none";
        if ((_blend || candidates.Length > 1) && (_validation == SplitKind.LeaveLastOut ? CarveLastOut(training) : Carve(training)) is { } carved)
        {
            var best = double.NegativeInfinity;
            var log = new List<string>();
            var earlyPriors = EnginePriors.Compute(carved.Early);
            foreach (var candidate in candidates)
            {
                var early = await TrainAsync(carved.Early, earlyPriors, candidate, progress, "fit:" + Name + ":validation", cancellationToken).ConfigureAwait(false);
                var validation = BlendValidation.Prepare(early, carved.Early, carved.Late, MaxValidationUsers);
                var modelOnly = validation.NdcgPerUser(ModelOnly);
                var scored = new List<(string Fit, double[] Weights, double Ndcg)> { ("none", ModelOnly, modelOnly.Average()) };
                if (_blend)
                {
                    var smooth = modelOnly;
                    if (BlendWeights.Logistic(early, carved.Early, carved.Late, candidate.Model.Seed) is { } logistic)
                    {
                        var perUser = validation.NdcgPerUser(logistic);
                        scored.Add(("logistic", logistic, perUser.Average()));
                        smooth = perUser.Average() > smooth.Average() ? perUser : smooth;
                    }

                    // The search fits NDCG@10 itself with many more effective degrees of freedom: it must beat the
                    // better smooth option by more than one standard error of the paired per-user difference.
                    if (validation.Search(null) is var searched && EngineScorer.IsBlend(searched))
                    {
                        var perUser = validation.CrossFittedNdcgPerUser();
                        var (gain, error) = PairedGain(perUser, smooth);
                        log.Add(string.Create(CultureInfo.InvariantCulture, $"{Describe(candidate)} ndcg-search {FormatWeights(searched, "G3")}={perUser.Average():F4} (gain {gain:F4} ± {error:F4}{(gain > error ? "" : ", not taken")})"));
                        if (gain > error)
                        {
                            scored.Add(("ndcg-search", searched, perUser.Average()));
                        }
                    }
                }

                foreach (var (how, w, ndcg) in scored)
                {
                    if (how != "ndcg-search")
                    {
                        log.Add(string.Create(CultureInfo.InvariantCulture, $"{Describe(candidate)} {(how == "none" ? "model-only" : how + " " + FormatWeights(w, "G3"))}={ndcg:F4}"));
                    }

                    if (ndcg > best)
                    {
                        (best, options, weights, fit) = (ndcg, candidate, w, how);
                    }
                }
            }

            _parameters["validation"] = string.Join("; ", log);
        }

        var m = options.Model;
        _parameters["learningRate"] = m.LearningRate.ToString(CultureInfo.InvariantCulture);
        _parameters["negativesPerPositive"] = m.NegativesPerPositive.ToString(CultureInfo.InvariantCulture);
        _parameters["sampledNegativeWeight"] = m.SampledNegativeWeight.ToString(CultureInfo.InvariantCulture);
        _parameters["historyDecay"] = m.HistoryDecay.ToString(CultureInfo.InvariantCulture);
        _parameters["shortViewWeight"] = m.ShortViewWeight.ToString(CultureInfo.InvariantCulture);
        _parameters["epochs"] = options.Epochs.ToString(CultureInfo.InvariantCulture);
        _parameters["loss"] = m.Loss == TrainingLoss.Pairwise ? "pairwise" : "pointwise";
        _parameters["l2"] = m.L2.ToString(CultureInfo.InvariantCulture);
        _parameters["negativeSampling"] = m.NegativeSampling == NegativeSampling.Uniform ? "uniform" : "exposure";
        _parameters["scoring"] = fit == "none" ? "brute-force, model only" : "brute-force, blend";
        _parameters["blendFit"] = fit;
        _parameters["blendFeatures"] = string.Join(" ", EngineScorer.FeatureNames);
        _parameters["blendWeights"] = FormatWeights(weights, "G4");
        var scorer = await TrainAsync(training, null, options, progress, "fit:" + Name, cancellationToken).ConfigureAwait(false);
        (_scorer, _weights, _itemPrior, _rankUnknown) = (scorer, weights, scorer.ItemPriorScores(weights), EngineScorer.IsBlend(weights));
    }

    /// <summary>
    /// The fixed grid the validation slice chooses from (documented in docs/evaluation.md): the given options, then
    /// with history decay 0, with short views unlabelled (ShortViewWeight 0: on explicit-rating imports a mediocre
    /// rating is still a chosen watch, not a rejection), and both; then six settings for pure collaborative data —
    /// 10 epochs, uniform negatives (<see cref="NegativeSampling.Uniform"/>) with weight decay, short views unlabelled,
    /// history decay 0: pairwise (BPR) loss at L2 1e-2 and 3e-2; pointwise at L2 1e-2 and 3e-2; pointwise with 4
    /// negatives at weight 1 at L2 1e-2 and 3e-2.
    /// </summary>
    public static IEnumerable<OnlineTrainerOptions> Candidates(OnlineTrainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var m = options.Model;
        yield return options;
        yield return options with { Model = m with { HistoryDecay = 0 } };
        yield return options with { Model = m with { ShortViewWeight = 0 } };
        yield return options with { Model = m with { HistoryDecay = 0, ShortViewWeight = 0 } };
        foreach (var (loss, l2, negatives, negativeWeight) in new[]
        {
            (TrainingLoss.Pairwise, 1e-2f, 2, m.SampledNegativeWeight), (TrainingLoss.Pairwise, 3e-2f, 2, m.SampledNegativeWeight),
            (TrainingLoss.Pointwise, 1e-2f, 2, m.SampledNegativeWeight), (TrainingLoss.Pointwise, 3e-2f, 2, m.SampledNegativeWeight),
            (TrainingLoss.Pointwise, 1e-2f, 4, 1f), (TrainingLoss.Pointwise, 3e-2f, 4, 1f),
        })
        {
            yield return options with
            {
                Epochs = 10,
                Model = m with
                {
                    Loss = loss,
                    L2 = l2,
                    NegativeSampling = NegativeSampling.Uniform,
                    HistoryDecay = 0,
                    ShortViewWeight = 0,
                    NegativesPerPositive = Math.Max(m.NegativesPerPositive, negatives),
                    SampledNegativeWeight = negativeWeight,
                },
            };
        }
    }

    /// <summary>Mean of a − b per user and its standard error.</summary>
    private static (double Gain, double Error) PairedGain(double[] a, double[] b)
    {
        var n = a.Length;
        if (n < 2)
        {
            return (0, 0);
        }

        var mean = 0.0;
        for (var i = 0; i < n; i++)
        {
            mean += a[i] - b[i];
        }

        mean /= n;
        var squares = 0.0;
        for (var i = 0; i < n; i++)
        {
            var d = a[i] - b[i] - mean;
            squares += d * d;
        }

        return (mean, Math.Sqrt(squares / (n - 1) / n));
    }

    private static double[] ModelOnly => [1, .. new double[EngineScorer.FeatureCount - 1]];

    private static string FormatWeights(double[] weights, string format) =>
        string.Join(" ", weights.Select(w => w.ToString(format, CultureInfo.InvariantCulture)));

    /// <summary>A candidate's settings in the validation log, e.g. "e10 h0 sv0 uniform l2=0.03 n4 w1".</summary>
    private static string Describe(OnlineTrainerOptions o) =>
        string.Create(CultureInfo.InvariantCulture, $"e{o.Epochs} h{o.Model.HistoryDecay} sv{o.Model.ShortViewWeight}{(o.Model.Loss == TrainingLoss.Pairwise ? " bpr" : "")}{(o.Model.NegativeSampling == NegativeSampling.Uniform ? " uniform" : "")}{(o.Model.L2 > 0 ? $" l2={o.Model.L2}" : "")} n{o.Model.NegativesPerPositive} w{o.Model.SampledNegativeWeight}");

    public int Recommend(int user, ReadOnlySpan<int> exclude, Span<int> into, RecommendationScratch scratch)
    {
        ArgumentNullException.ThrowIfNull(scratch);
        var scorer = _scorer ?? throw new InvalidOperationException("Call FitAsync first.");
        var userVector = scratch.Vector(scorer.Model.Dimension);
        scorer.UserVector(user, userVector);
        var heap = new TopKHeap(scratch.HeapItems[..into.Length], scratch.HeapScores);
        scorer.Rank(user, userVector, _itemPrior, (float)_weights[1], _rankUnknown, exclude, ref heap);
        return heap.Drain(into);
    }

    private static async Task<EngineScorer> TrainAsync(TrainingSet set, EnginePriors? priors, OnlineTrainerOptions options, IProgress<EvaluationProgress>? progress, string stage, CancellationToken ct)
    {
        var forward = progress is null ? null : new ForwardProgress(progress, stage);
        using var trainer = await OnlineTrainer.TrainFromScratchAsync(new TrainingEventLog(set), set.Dataset.Catalog, options, forward, cancellationToken: ct).ConfigureAwait(false);
        return EngineScorer.Create(set, trainer.Model, priors);
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

    private sealed class ForwardProgress(IProgress<EvaluationProgress> inner, string stage) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => inner.Report(new EvaluationProgress(stage, value.Done, value.Total));
    }
}
