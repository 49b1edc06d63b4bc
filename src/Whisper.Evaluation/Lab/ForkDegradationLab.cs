using System.Diagnostics;
using System.Globalization;

using Whisper.Evaluation.Data;
using Whisper.Evaluation.Metrics;
using Whisper.FeatureStore.Contract;
using Whisper.FeatureStore.Definitions;

namespace Whisper.Evaluation.Lab;

/// <summary>
/// The fork-degradation lab (docs/fork-degradation-lab.md): one dataset, one temporal split (<see cref="LabWorld"/>), a
/// source region and a fork scored on the same held-out positives, each known cause injected alone and all together,
/// then the fixes applied. Regions rank as <see cref="LabRanking"/> describes, under <see cref="LabContract"/>.
/// </summary>
public static class ForkDegradationLab
{
    public static async Task<ForkLabReport> RunAsync(EvaluationDataset dataset, ForkLabOptions options, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var world = LabWorld.Create(dataset, options);
        var now = world.Now;

        // Snapshots: the source's is caught up to the cutoff; the stale one stops StaleBy earlier.
        var current = await world.TrainAsync(world.Split.Training, cancellationToken).ConfigureAwait(false);
        var stale = await world.TrainAsync(world.TrainingBefore(now - (long)options.StaleBy.TotalMilliseconds), cancellationToken).ConfigureAwait(false);

        // Contracts: the fork's has shorter TTLs; the fix rebuilds the fork's registry from the source's exported contract.
        var sourceRegistry = LabContract.For(options, fork: false);
        var forkRegistry = LabContract.For(options, fork: true);
        var sourceContract = FeatureContract.FromRegistry("source", sourceRegistry, world.Time);
        var before = FeatureContractDiff.Compare(sourceContract, FeatureContract.FromRegistry("fork", forkRegistry, world.Time));
        var alignedRegistry = FeatureRegistry.Create(sourceContract.Features, sourceContract.ModelInputs);
        var after = FeatureContractDiff.Compare(sourceContract, FeatureContract.FromRegistry("fork", alignedRegistry, world.Time));

        var sourceStore = world.Materialize(sourceRegistry);
        var forkStore = world.Materialize(forkRegistry);
        var alignedStore = world.Materialize(alignedRegistry);

        // Session tier: in-flight sessions as of the cutoff; the fork starts empty, the fix imports the source's export.
        var sourceSessions = world.ObservedSessions();
        var emptySessions = world.EmptySessions();
        var importedSessions = world.CopySessions(sourceSessions, out var transferred);

        var all = LabRegion.AllCandidates;
        var source = new LabRegion(sourceRegistry, sourceStore, current, sourceSessions, all);
        var scenarios = new List<(string Name, string Causes, LabRegion Region)>
        {
            ("source", "none (reference)", source),
            ("fork-identical", "none: a copy of the same trained state, contract and sessions", source with { Sessions = importedSessions }),
            ("ttl-mismatch", "a: shorter feature and embedding-row TTLs", source with { Registry = forkRegistry, Store = forkStore, Sessions = importedSessions }),
            ("stale-embeddings", $"b: snapshot {options.StaleBy.TotalDays.ToString(CultureInfo.InvariantCulture)} d behind", source with { Snapshot = stale, Sessions = importedSessions }),
            ("missing-session", "c: no in-flight session state", source with { Sessions = emptySessions }),
            ("smaller-budget", $"d: top-{options.ForkBudget} candidates", source with { Sessions = importedSessions, Budget = options.ForkBudget }),
            ("all-causes", "a + b + c + d", new LabRegion(forkRegistry, forkStore, stale, emptySessions, options.ForkBudget)),
            ("fixed", "all causes, then: contract aligned, snapshot transferred, sessions imported, budget restored", new LabRegion(alignedRegistry, alignedStore, current, importedSessions, all)),
        };

        var measured = new (double Ndcg, double Recall)[scenarios.Count];
        for (var s = 0; s < scenarios.Count; s++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            measured[s] = Evaluate(world, scenarios[s].Region);
        }

        var results = new List<ForkLabScenario>(scenarios.Count);
        for (var s = 0; s < scenarios.Count; s++)
        {
            results.Add(new ForkLabScenario(scenarios[s].Name, scenarios[s].Causes, measured[s].Ndcg, measured[s].Recall, Loss(measured[0].Ndcg, measured[s].Ndcg), Loss(measured[0].Recall, measured[s].Recall)));
        }

        var parameters = new Dictionary<string, string>
        {
            ["testFraction"] = Text(options.TestFraction),
            ["staleBy"] = options.StaleBy.ToString("c", CultureInfo.InvariantCulture),
            ["forkFeatureTtl"] = options.ForkFeatureTtl.ToString("c", CultureInfo.InvariantCulture),
            ["embeddingTtl"] = options.EmbeddingTtl.ToString("c", CultureInfo.InvariantCulture),
            ["forkEmbeddingTtl"] = options.ForkEmbeddingTtl.ToString("c", CultureInfo.InvariantCulture),
            ["sessionWindow"] = options.SessionWindow.ToString("c", CultureInfo.InvariantCulture),
            ["forkBudget"] = Text(options.ForkBudget),
            ["epochs"] = Text(options.Epochs),
            ["popularityWeight"] = Text(options.PopularityWeight),
            ["seed"] = Text(options.Seed),
            ["events"] = Text(dataset.Events.Length),
            ["users"] = Text(dataset.UserCount),
            ["videos"] = Text(dataset.ItemCount),
        };
        var test = world.Split.Test;
        return new ForkLabReport(parameters, test.UserCount, test.RelevantPairCount, world.InFlightUsers, transferred, world.Split.Cutoff!.Value, results, before, after, clock.Elapsed.TotalSeconds);
    }

    private static double Loss(double source, double fork) => source > 0 ? 100 * (source - fork) / source : 0;

    private static string Text(IFormattable value) => value.ToString(null, CultureInfo.InvariantCulture);

    /// <summary>Mean NDCG@10 and Recall@50 over the split's test users (aggregated in user order: deterministic).</summary>
    private static (double Ndcg, double Recall) Evaluate(LabWorld world, LabRegion region)
    {
        var ranking = LabRanking.Prepare(world, region);
        var test = world.Split.Test;
        var ndcg = new double[test.UserCount];
        var recall = new double[test.UserCount];
        Parallel.For(0, test.UserCount, () => new int[LabRanking.ListLength], (position, loop, list) =>
        {
            var n = ranking.Rank(test.Users[position], list);
            var relevant = test.RelevantAt(position);
            ndcg[position] = RankingMetrics.Ndcg(list.AsSpan(0, n), relevant, 10);
            recall[position] = RankingMetrics.Recall(list.AsSpan(0, n), relevant, LabRanking.ListLength);
            return list;
        }, _ => { });

        double sumNdcg = 0, sumRecall = 0;
        for (var p = 0; p < test.UserCount; p++)
        {
            (sumNdcg, sumRecall) = (sumNdcg + ndcg[p], sumRecall + recall[p]);
        }

        return test.UserCount == 0 ? (0, 0) : (sumNdcg / test.UserCount, sumRecall / test.UserCount);
    }
}
