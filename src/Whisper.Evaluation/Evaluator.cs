using System.Diagnostics;
using System.Runtime.ExceptionServices;

using Whisper.Evaluation.Data;
using Whisper.Evaluation.Metrics;
using Whisper.Evaluation.Reports;
using Whisper.Evaluation.Splits;
using Whisper.Recommendation.Catalog;
using Whisper.Storage;

namespace Whisper.Evaluation;

/// <summary>
/// Runs an offline evaluation: load a store's log and catalog, split, then for each recommender fit on the training
/// set, recommend <see cref="EvaluationOptions.ListLength"/> items for every test user (in parallel) and score them.
/// Per-user results land in arrays indexed by the user's position and are summed in that order, so the report is
/// the same for any thread count.
/// </summary>
public static class Evaluator
{
    /// <summary>Loads <paramref name="store"/> and evaluates it; <paramref name="source"/> names it in the report.</summary>
    public static async Task<EvaluationReport> EvaluateStoreAsync(
        IWhisperStore store,
        string source,
        EvaluationOptions options,
        IReadOnlyList<IRecommender> recommenders,
        IProgress<EvaluationProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var load = Stopwatch.StartNew();
        progress?.Report(new EvaluationProgress("load", 0, 0));
        var catalog = await CatalogView.LoadAsync(store.Catalog, cancellationToken).ConfigureAwait(false);
        var dataset = await EvaluationDataset.LoadAsync(store.Events, catalog, options?.Relevance, progress, cancellationToken).ConfigureAwait(false);
        load.Stop();
        var report = await EvaluateAsync(dataset, source, options!, recommenders, progress, cancellationToken).ConfigureAwait(false);
        return report with
        {
            Timings = report.Timings with { LoadSeconds = load.Elapsed.TotalSeconds, TotalSeconds = report.Timings.TotalSeconds + load.Elapsed.TotalSeconds },
        };
    }

    /// <summary>Splits <paramref name="dataset"/> as <paramref name="options"/> say and evaluates every recommender on it.</summary>
    public static async Task<EvaluationReport> EvaluateAsync(
        EvaluationDataset dataset,
        string source,
        EvaluationOptions options,
        IReadOnlyList<IRecommender> recommenders,
        IProgress<EvaluationProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(recommenders);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        }

        var total = Stopwatch.StartNew();
        progress?.Report(new EvaluationProgress("split", 0, 1));
        var split = Split(dataset, options);
        var sampled = options.MaxTestUsers is { } max ? split.Test.Sample(max, options.Seed) : split.Test;
        progress?.Report(new EvaluationProgress("split", 1, 1));
        var splitSeconds = total.Elapsed.TotalSeconds;

        var results = new List<RecommenderResult>(recommenders.Count);
        foreach (var recommender in recommenders)
        {
            results.Add(await EvaluateRecommenderAsync(split with { Test = sampled }, recommender, options, progress, cancellationToken).ConfigureAwait(false));
        }

        var training = split.Training;
        return new EvaluationReport
        {
            GeneratedAt = DateTimeOffset.UtcNow,
            K = options.K,
            ListLength = EvaluationOptions.ListLength,
            Seed = options.Seed,
            Dataset = new DatasetSummary(
                source,
                new Dictionary<string, string>(),
                dataset.Events.Length,
                dataset.SkippedEvents,
                dataset.PositiveEvents,
                dataset.UserCount,
                dataset.ItemCount,
                dataset.CreatorCount,
                dataset.Relevance.LongWatchFraction),
            Split = new SplitSummary(
                split.Kind == SplitKind.Temporal ? "temporal" : "leave-last-out",
                split.TestFraction,
                split.Cutoff,
                training.EventIndexes.Length,
                training.PositivePairCount,
                training.UsersWithPositives,
                sampled.UserCount,
                split.Test.UserCount,
                sampled.RelevantPairCount),
            Recommenders = results,
            Timings = new ReportTimings(0, 0, splitSeconds, total.Elapsed.TotalSeconds),
        };
    }

    public static DataSplit Split(EvaluationDataset dataset, EvaluationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Split == SplitKind.Temporal ? TemporalSplit.Create(dataset, options.TestFraction) : LeaveLastOutSplit.Create(dataset);
    }

    /// <summary>Fits <paramref name="recommender"/> on the split's training set and scores its lists for the test users.</summary>
    public static async Task<RecommenderResult> EvaluateRecommenderAsync(
        DataSplit split,
        IRecommender recommender,
        EvaluationOptions options,
        IProgress<EvaluationProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(recommender);
        ArgumentNullException.ThrowIfNull(options);
        var fit = Stopwatch.StartNew();
        progress?.Report(new EvaluationProgress("fit:" + recommender.Name, 0, 0));
        await recommender.FitAsync(split.Training, progress, cancellationToken).ConfigureAwait(false);
        fit.Stop();

        var recommend = Stopwatch.StartNew();
        var metrics = Score(split, recommender, options, progress, cancellationToken);
        recommend.Stop();
        return new RecommenderResult(recommender.Name, recommender.Parameters, metrics, fit.Elapsed.TotalSeconds, recommend.Elapsed.TotalSeconds);
    }

    private static MetricSummary Score(DataSplit split, IRecommender recommender, EvaluationOptions options, IProgress<EvaluationProgress>? progress, CancellationToken cancellationToken)
    {
        var training = split.Training;
        var test = split.Test;
        var dataset = training.Dataset;
        const int L = EvaluationOptions.ListLength;
        var k = options.K;
        var n = test.UserCount;
        var lists = new int[(long)n * L];
        var ndcg = new double[n];
        var recall = new double[n];
        var recall50 = new double[n];
        var reciprocal = new double[n];
        var stage = "recommend:" + recommender.Name;
        var done = 0L;
        var parallel = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = options.MaxDegreeOfParallelism ?? -1 };
        try
        {
            Parallel.For(0, n, parallel, () => new RecommendationScratch(dataset.ItemCount, L), (p, _, scratch) =>
            {
                var user = test.Users[p];
                var exclude = training.PositivesOf(user);
                var into = lists.AsSpan(p * L, L);
                var count = recommender.Recommend(user, exclude, into, scratch);
                var ranked = into[..Check(recommender, count, into, exclude, dataset.ItemCount)];
                into[ranked.Length..].Fill(-1);
                var relevant = test.RelevantAt(p);
                ndcg[p] = RankingMetrics.Ndcg(ranked, relevant, k);
                recall[p] = RankingMetrics.Recall(ranked, relevant, k);
                recall50[p] = RankingMetrics.Recall(ranked, relevant, L);
                reciprocal[p] = RankingMetrics.ReciprocalRank(ranked, relevant);
                var d = Interlocked.Increment(ref done);
                if (d % 1024 == 0)
                {
                    progress?.Report(new EvaluationProgress(stage, d, n));
                }

                return scratch;
            }, _ => { });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count == 1)
        {
            // A recommender's own exception (or a bad list) reads better than the loop's wrapper.
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }

        progress?.Report(new EvaluationProgress(stage, n, n));

        double sumNdcg = 0, sumRecall = 0, sumRecall50 = 0, sumReciprocal = 0;
        for (var p = 0; p < n; p++)
        {
            sumNdcg += ndcg[p];
            sumRecall += recall[p];
            sumRecall50 += recall50[p];
            sumReciprocal += reciprocal[p];
        }

        var shown = new bool[dataset.ItemCount];
        var distinct = 0;
        var exposure = new long[dataset.CreatorCount];
        for (var p = 0; p < n; p++)
        {
            foreach (var item in lists.AsSpan(p * L, k))
            {
                if (item < 0)
                {
                    break;
                }

                distinct += shown[item] ? 0 : 1;
                shown[item] = true;
                var creator = dataset.CreatorOf(item);
                if (creator >= 0)
                {
                    exposure[creator]++;
                }
            }
        }

        double Mean(double sum) => n == 0 ? 0 : sum / n;
        return new MetricSummary(
            Mean(sumNdcg),
            Mean(sumRecall),
            Mean(sumRecall50),
            Mean(sumReciprocal),
            RankingMetrics.Coverage(distinct, dataset.ItemCount),
            RankingMetrics.Gini(exposure),
            n);
    }

    /// <summary>Refuses a list that would inflate metrics: out-of-range, repeated or excluded items.</summary>
    private static int Check(IRecommender recommender, int count, ReadOnlySpan<int> list, ReadOnlySpan<int> exclude, int items)
    {
        if (count < 0 || count > list.Length)
        {
            throw new InvalidOperationException($"Recommender '{recommender.Name}' returned count {count}; expected 0..{list.Length}.");
        }

        for (var i = 0; i < count; i++)
        {
            var item = list[i];
            if ((uint)item >= (uint)items || exclude.BinarySearch(item) >= 0 || list[..i].IndexOf(item) >= 0)
            {
                throw new InvalidOperationException($"Recommender '{recommender.Name}' returned item {item} at rank {i + 1}, which is out of range, excluded or repeated.");
            }
        }

        return count;
    }
}
