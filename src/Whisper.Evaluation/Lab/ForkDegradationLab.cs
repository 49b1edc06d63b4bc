using System.Diagnostics;
using System.Globalization;

using Whisper.Core.Domain;
using Whisper.Evaluation.Data;
using Whisper.Evaluation.Engine;
using Whisper.Evaluation.Metrics;
using Whisper.Evaluation.Splits;
using Whisper.FeatureStore.Contract;
using Whisper.FeatureStore.Definitions;
using Whisper.FeatureStore.Online;
using Whisper.FeatureStore.Sessions;
using Whisper.Recommendation.Model;
using Whisper.Recommendation.Training;

namespace Whisper.Evaluation.Lab;

/// <summary>
/// The fork-degradation lab (docs/fork-degradation-lab.md): one dataset, one temporal split, a source region and a
/// fork scored on the same held-out positives, each known cause injected alone and all together, then the fixes applied.
/// A region ranks every candidate by model score (user tower · video tower + bias, rows past the contract's embedding
/// TTL served as missing) + <see cref="ForkLabOptions.PopularityWeight"/> · (ln(1 + video_views_24h) + ln(1 + video_likes_24h))
/// read from its online feature store under its contract's TTLs, as of the cutoff.
/// </summary>
public static class ForkDegradationLab
{
    public const string UserEmbeddingRow = "user_embedding_row";
    public const string VideoEmbeddingRow = "video_embedding_row";
    public const int ListLength = 50;

    private const long None = long.MinValue;

    public static async Task<ForkLabReport> RunAsync(EvaluationDataset dataset, ForkLabOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        }

        var clock = Stopwatch.StartNew();
        var split = TemporalSplit.Create(dataset, options.TestFraction);
        var training = split.Training;
        var now = split.Cutoff!.Value.ToUnixTimeMilliseconds();
        var time = new FixedTime(split.Cutoff.Value);

        // Snapshots: the source's is caught up to the cutoff; the stale one stops StaleBy earlier.
        var staleEnd = now - (long)options.StaleBy.TotalMilliseconds;
        var staleIndexes = new List<int>();
        foreach (var i in training.EventIndexes)
        {
            if (dataset.Events[i].TimeMs < staleEnd)
            {
                staleIndexes.Add(i);
            }
        }

        var staleSet = new TrainingSet(dataset, [.. staleIndexes]);
        var trainer = WhisperEngineRecommender.DefaultOptions with { Epochs = options.Epochs, CheckpointDirectory = null };
        trainer = trainer with { Model = trainer.Model with { LongWatchFraction = (float)dataset.Relevance.LongWatchFraction } };
        var current = await TrainAsync(training, trainer, cancellationToken).ConfigureAwait(false);
        var stale = await TrainAsync(staleSet, trainer, cancellationToken).ConfigureAwait(false);
        var currentSnapshot = Snapshot.Of(current, training);
        var staleSnapshot = Snapshot.Of(stale, staleSet);

        // Contracts: the fork's has shorter TTLs; the fix rebuilds the fork's registry from the source's exported contract.
        var sourceRegistry = Registry(options, fork: false);
        var forkRegistry = Registry(options, fork: true);
        var sourceContract = FeatureContract.FromRegistry("source", sourceRegistry, time);
        var before = FeatureContractDiff.Compare(sourceContract, FeatureContract.FromRegistry("fork", forkRegistry, time));
        var alignedRegistry = FeatureRegistry.Create(sourceContract.Features, sourceContract.ModelInputs);
        var after = FeatureContractDiff.Compare(sourceContract, FeatureContract.FromRegistry("fork", alignedRegistry, time));

        var sourceStore = Materialize(sourceRegistry, training, time);
        var forkStore = Materialize(forkRegistry, training, time);
        var alignedStore = Materialize(alignedRegistry, training, time);

        // Session tier: in-flight sessions as of the cutoff; the fork starts empty, the fix imports the source's export.
        var sessionOptions = new SessionStateOptions { Idle = options.SessionWindow };
        var sourceSessions = new SessionStateStore(time, sessionOptions);
        foreach (var i in training.EventIndexes)
        {
            sourceSessions.Observe(ToEvent(dataset, i));
        }

        var inFlight = new bool[dataset.UserCount];
        var inFlightUsers = 0;
        for (var u = 0; u < dataset.UserCount; u++)
        {
            inFlight[u] = sourceSessions.TryGet(dataset.UserId(u), out _);
            inFlightUsers += inFlight[u] ? 1 : 0;
        }

        var emptySessions = new SessionStateStore(time, sessionOptions);
        var importedSessions = new SessionStateStore(time, sessionOptions);
        var transferred = importedSessions.Import(sourceSessions.ExportJson("source")).Imported;

        var context = new Context(dataset, split, now, inFlight, options.PopularityWeight);
        var all = int.MaxValue;
        var source = new Region(sourceRegistry, sourceStore, currentSnapshot, sourceSessions, all);
        var scenarios = new List<(string Name, string Causes, Region Region)>
        {
            ("source", "none (reference)", source),
            ("fork-identical", "none: a copy of the same trained state, contract and sessions", source with { Sessions = importedSessions }),
            ("ttl-mismatch", "a: shorter feature and embedding-row TTLs", source with { Registry = forkRegistry, Store = forkStore, Sessions = importedSessions }),
            ("stale-embeddings", $"b: snapshot {options.StaleBy.TotalDays.ToString(CultureInfo.InvariantCulture)} d behind", source with { Snapshot = staleSnapshot, Sessions = importedSessions }),
            ("missing-session", "c: no in-flight session state", source with { Sessions = emptySessions }),
            ("smaller-budget", $"d: top-{options.ForkBudget} candidates", source with { Sessions = importedSessions, Budget = options.ForkBudget }),
            ("all-causes", "a + b + c + d", new Region(forkRegistry, forkStore, staleSnapshot, emptySessions, options.ForkBudget)),
            ("fixed", "all causes, then: contract aligned, snapshot transferred, sessions imported, budget restored", new Region(alignedRegistry, alignedStore, currentSnapshot, importedSessions, all)),
        };

        var measured = new (double Ndcg, double Recall)[scenarios.Count];
        for (var s = 0; s < scenarios.Count; s++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            measured[s] = Evaluate(context, scenarios[s].Region);
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
        return new ForkLabReport(parameters, split.Test.UserCount, split.Test.RelevantPairCount, inFlightUsers, transferred, split.Cutoff.Value, results, before, after, clock.Elapsed.TotalSeconds);
    }

    /// <summary>The lab's contract: <see cref="DefaultFeatures"/> plus the two embedding-row TTLs; the fork's shortens TTLs.</summary>
    public static FeatureRegistry Registry(ForkLabOptions options, bool fork)
    {
        ArgumentNullException.ThrowIfNull(options);
        var definitions = new List<FeatureDefinition>();
        foreach (var d in DefaultFeatures.Definitions)
        {
            definitions.Add(fork && d.Entity is FeatureEntity.User or FeatureEntity.Video && d.Ttl > options.ForkFeatureTtl ? d with { Ttl = options.ForkFeatureTtl } : d);
        }

        var rowTtl = fork ? options.ForkEmbeddingTtl : options.EmbeddingTtl;
        definitions.Add(new FeatureDefinition(UserEmbeddingRow, FeatureEntity.User, FeatureValueType.Whole, FeatureSource.FromTable("embeddings"), null, rowTtl, 0, "training")
        {
            Description = "A user's embedding row, served until this long after the user's last training event.",
        });
        definitions.Add(new FeatureDefinition(VideoEmbeddingRow, FeatureEntity.Video, FeatureValueType.Whole, FeatureSource.FromTable("embeddings"), null, rowTtl, 0, "training")
        {
            Description = "A video's embedding row, served until this long after the video's last training event.",
        });
        return FeatureRegistry.Create(definitions, [.. DefaultFeatures.ModelInputs, new ModelInput("two-tower", [UserEmbeddingRow, VideoEmbeddingRow])]);
    }

    private static double Loss(double source, double fork) => source > 0 ? 100 * (source - fork) / source : 0;

    private static string Text(IFormattable value) => value.ToString(null, CultureInfo.InvariantCulture);

    private static async Task<TwoTowerModel> TrainAsync(TrainingSet set, OnlineTrainerOptions options, CancellationToken ct)
    {
        using var trainer = await OnlineTrainer.TrainFromScratchAsync(new TrainingEventLog(set), set.Dataset.Catalog, options, cancellationToken: ct).ConfigureAwait(false);
        return trainer.Model;
    }

    private static EngagementEvent ToEvent(EvaluationDataset dataset, int index)
    {
        ref readonly var e = ref dataset.Events[index];
        return new EngagementEvent(Guid.Empty, dataset.UserId(e.User), dataset.ItemId(e.Item), e.Kind, DateTimeOffset.FromUnixTimeMilliseconds(e.TimeMs), e.WatchTimeMs);
    }

    private static InProcessOnlineFeatureStore Materialize(FeatureRegistry registry, TrainingSet training, TimeProvider time)
    {
        var dataset = training.Dataset;
        var store = new InProcessOnlineFeatureStore(registry, time);
        var materializer = new OnlineFeatureMaterializer(store, video => dataset.Catalog.TryGetVideo(video, out var facts) ? facts.CreatorId : 0);
        foreach (var i in training.EventIndexes)
        {
            materializer.Observe(ToEvent(dataset, i));
        }

        return store;
    }

    private static (double Ndcg, double Recall) Evaluate(Context context, Region region)
    {
        var dataset = context.Dataset;
        var model = region.Snapshot.Model;
        var d = model.Dimension;
        var items = dataset.ItemCount;
        var registry = region.Registry;
        var userRowTtl = registry[registry.IdOf(UserEmbeddingRow)].TtlMs;
        var videoRowTtl = registry[registry.IdOf(VideoEmbeddingRow)].TtlMs;
        var views = registry.IdOf("video_views_24h");
        var likes = registry.IdOf("video_likes_24h");

        var vectors = new float[(long)items * d];
        var bias = new float[items];
        var known = new bool[items];
        var prior = new float[items];
        for (var item = 0; item < items; item++)
        {
            var id = dataset.ItemId(item);
            var seen = region.Snapshot.ItemLastSeen[item];
            known[item] = (seen == None || FeatureFreshness.IsFresh(seen, context.Now, videoRowTtl))
                && dataset.Catalog.TryGetVideo(id, out var facts)
                && model.TryGetVideoVector(facts, vectors.AsSpan(item * d, d), out bias[item]);
            region.Store.TryRead(FeatureEntity.Video, id, views, out var v);
            region.Store.TryRead(FeatureEntity.Video, id, likes, out var l);
            prior[item] = (float)(context.PopularityWeight * (Math.Log(1 + Math.Max(0, v)) + Math.Log(1 + Math.Max(0, l))));
        }

        var test = context.Split.Test;
        var ndcg = new double[test.UserCount];
        var recall = new double[test.UserCount];
        Parallel.For(0, test.UserCount, () => new Buffers(d, items, region.Budget), (position, loop, buffers) =>
        {
            var user = test.Users[position];
            var userId = dataset.UserId(user);
            var userVector = buffers.User;
            var seen = region.Snapshot.UserLastSeen[user];
            if ((seen != None && !FeatureFreshness.IsFresh(seen, context.Now, userRowTtl)) || !model.TryGetUserVector(userId, context.UserHour[user], userVector))
            {
                userVector.AsSpan().Clear();
            }
            else if (context.InFlight[user] && !region.Sessions.TryGet(userId, out _) && model.TryGetHistoryVector(userId, buffers.History))
            {
                for (var k = 0; k < d; k++)
                {
                    userVector[k] -= buffers.History[k]; // the recent-history state lives with the in-flight session
                }
            }

            var exclude = context.Split.Training.PositivesOf(user);
            var candidates = buffers.Candidates;
            var count = 0;
            if (region.Budget >= items)
            {
                for (var item = 0; item < items; item++)
                {
                    candidates[count++] = item;
                }
            }
            else
            {
                var retrieval = new TopKHeap(buffers.RetrievalItems, buffers.RetrievalScores);
                for (var item = 0; item < items; item++)
                {
                    if (known[item] && exclude.BinarySearch(item) < 0)
                    {
                        retrieval.Offer(item, bias[item] + VectorMath.Dot(userVector, vectors.AsSpan(item * d, d)));
                    }
                }

                count = retrieval.Drain(candidates);
            }

            var heap = new TopKHeap(buffers.HeapItems, buffers.HeapScores);
            for (var c = 0; c < count; c++)
            {
                var item = candidates[c];
                if (exclude.BinarySearch(item) >= 0)
                {
                    continue;
                }

                var score = prior[item] + (known[item] ? bias[item] + VectorMath.Dot(userVector, vectors.AsSpan(item * d, d)) : 0f);
                heap.Offer(item, score);
            }

            var n = heap.Drain(buffers.List);
            var relevant = test.RelevantAt(position);
            ndcg[position] = RankingMetrics.Ndcg(buffers.List.AsSpan(0, n), relevant, 10);
            recall[position] = RankingMetrics.Recall(buffers.List.AsSpan(0, n), relevant, ListLength);
            return buffers;
        }, _ => { });

        double sumNdcg = 0, sumRecall = 0;
        for (var p = 0; p < test.UserCount; p++)
        {
            (sumNdcg, sumRecall) = (sumNdcg + ndcg[p], sumRecall + recall[p]);
        }

        return test.UserCount == 0 ? (0, 0) : (sumNdcg / test.UserCount, sumRecall / test.UserCount);
    }

    private sealed record Region(FeatureRegistry Registry, InProcessOnlineFeatureStore Store, Snapshot Snapshot, SessionStateStore Sessions, int Budget);

    private sealed class Snapshot(TwoTowerModel model, long[] userLastSeen, long[] itemLastSeen)
    {
        public TwoTowerModel Model => model;

        /// <summary>Per dense user, the time of the last event the snapshot trained on (<see cref="None"/>: none).</summary>
        public long[] UserLastSeen => userLastSeen;

        public long[] ItemLastSeen => itemLastSeen;

        public static Snapshot Of(TwoTowerModel model, TrainingSet set)
        {
            var dataset = set.Dataset;
            var users = new long[dataset.UserCount];
            var items = new long[dataset.ItemCount];
            Array.Fill(users, None);
            Array.Fill(items, None);
            foreach (var i in set.EventIndexes)
            {
                ref readonly var e = ref dataset.Events[i];
                users[e.User] = Math.Max(users[e.User], e.TimeMs);
                items[e.Item] = Math.Max(items[e.Item], e.TimeMs);
            }

            return new Snapshot(model, users, items);
        }
    }

    private sealed class Context
    {
        public Context(EvaluationDataset dataset, DataSplit split, long now, bool[] inFlight, double popularityWeight)
        {
            (Dataset, Split, Now, InFlight, PopularityWeight) = (dataset, split, now, inFlight, popularityWeight);
            UserHour = new int[dataset.UserCount];
            foreach (var i in split.Training.EventIndexes)
            {
                UserHour[dataset.Events[i].User] = DateTimeOffset.FromUnixTimeMilliseconds(dataset.Events[i].TimeMs).Hour;
            }
        }

        public EvaluationDataset Dataset { get; }

        public DataSplit Split { get; }

        public long Now { get; }

        public bool[] InFlight { get; }

        public double PopularityWeight { get; }

        public int[] UserHour { get; }
    }

    private sealed class Buffers(int dimension, int items, int budget)
    {
        public float[] User { get; } = new float[dimension];

        public float[] History { get; } = new float[dimension];

        public int[] Candidates { get; } = new int[Math.Min(items, budget)];

        public int[] RetrievalItems { get; } = new int[Math.Min(items, budget)];

        public float[] RetrievalScores { get; } = new float[Math.Min(items, budget)];

        public int[] HeapItems { get; } = new int[ListLength];

        public float[] HeapScores { get; } = new float[ListLength];

        public int[] List { get; } = new int[ListLength];
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
