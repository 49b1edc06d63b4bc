using Whisper.Core.Domain;
using Whisper.Recommendation.Attestation;
using Whisper.Recommendation.Candidates;
using Whisper.Recommendation.Catalog;
using Whisper.Recommendation.Feed;
using Whisper.Recommendation.Ranking;
using Whisper.Recommendation.Reranking;
using Whisper.Recommendation.ResponseLog;
using Whisper.Recommendation.Training;
using Whisper.Storage;

namespace Whisper.Recommendation.Engine;

/// <summary>
/// The composition root of the For You engine over one region's store. <see cref="CreateAsync"/> loads the catalog,
/// resumes (or starts) the online trainer and catches it up with the log while a <see cref="LogFollower"/> replays the
/// log into the engagement counters and trending on the other core, indexes the model's video vectors (exact at once,
/// HNSW loaded from beside the checkpoint or built in the background), and builds the candidate sources, ranker slot,
/// re-ranker and <see cref="FeedService"/>. <see cref="StartAsync"/> runs the trainer's and the follower's loops in the
/// background (and trains a LightGBM ranker when the log holds enough impressions); call <see cref="Nudge"/> after
/// appending to the log. <see cref="DisposeAsync"/> stops the loops, flushes queued impressions and, with a checkpoint
/// directory, writes a checkpoint and the HNSW index beside it so the next start loads instead of rebuilding.
/// See docs/feed.md ("Engine").
/// </summary>
public sealed partial class RecommendationEngine : IAsyncDisposable
{
    private readonly IWhisperStore _store;
    private readonly RecommendationEngineOptions _options;
    private readonly BatchingEventLog? _impressions;
    private readonly ImpressionCounter _impressionCounter = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = [];
    private readonly TaskCompletionSource _annReady = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<RankerTrainingResult?> _rankerReady = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _annNeedsBuild;
    private AnnIndex? _loadedAnn;
    private Task? _rankerLoop;
    private volatile bool _rankerReadingLog;
    private int _started;
    private int _disposed;

    private readonly ServedResponseLog? _responses;

    private RecommendationEngine(IWhisperStore store, RecommendationEngineOptions options, CatalogView catalog, OnlineTrainer trainer, ServingVectorIndex index, AttestedModel? attested)
    {
        _store = store;
        _options = options;
        AttestedModel = attested;
        _responses = options.ResponseLog is { } responseLog ? new ServedResponseLog(responseLog, attested?.Sha256) : null;
        Catalog = catalog;
        Trainer = trainer;
        Index = index;
        Counters = new EngagementCounters(catalog, options.Ranker.LongWatchRatio);
        Trending = new TrendingCandidateSource(catalog, options.Trending);
        Follower = new LogFollower(store.Events, [Counters, Trending, _impressionCounter]);
        Ranker = new RankerSlot(new ModelScoreRanker(trainer.Model));
        Fresh = new FreshCandidateSource(catalog, options.Fresh);
        var sources = new CandidateSourceSet(
            [new FollowingCandidateSource(catalog, options.Following), new LiveCandidateSource(catalog), new AnnCandidateSource(index, catalog), Trending, Fresh],
            options.Feed.Candidates);
        IEventLog impressionLog = store.Events;
        if (options.BatchImpressions)
        {
            _impressions = new BatchingEventLog(store.Events);
            impressionLog = _impressions;
        }

        Feed = new FeedService(
            impressionLog, catalog, trainer.Model, sources, Ranker, new ReRanker(options.ReRanker), options.Feed,
            options.CursorKey, options.Time)
        {
            ServedPages = _responses,
        };
    }

    /// <summary>The approved checkpoint the engine started from; null without <see cref="RecommendationEngineOptions.ModelAttestation"/>.</summary>
    public AttestedModel? AttestedModel { get; }

    /// <summary>The served-response log; null without <see cref="RecommendationEngineOptions.ResponseLog"/>.</summary>
    public ServedResponseLog? Responses => _responses;

    public FeedService Feed { get; }

    public OnlineTrainer Trainer { get; }

    public CatalogView Catalog { get; }

    /// <summary>What the feed searches: exact until the HNSW index is attached (<see cref="AnnReady"/>).</summary>
    public ServingVectorIndex Index { get; }

    public EngagementCounters Counters { get; }

    public TrendingCandidateSource Trending { get; }

    public FreshCandidateSource Fresh { get; }

    /// <summary>Replays the log into the counters and trending; its position is independent of the trainer's.</summary>
    public LogFollower Follower { get; }

    /// <summary>The serving ranker: model score until a LightGBM ranker is trained and measures better.</summary>
    public RankerSlot Ranker { get; }

    /// <summary>Completes when the HNSW index serves (at once when it was loaded; never when <see cref="RecommendationEngineOptions.UseAnn"/> is false).</summary>
    public Task AnnReady => _annReady.Task;

    /// <summary>Completes with the LightGBM training result (null when there were too few impressions or training was off).</summary>
    public Task<RankerTrainingResult?> RankerReady => _rankerReady.Task;

    /// <summary>Where the HNSW index came from: "loaded", "built", "building", "failed" (the exact index serves), or "off".</summary>
    public string AnnSource { get; private set; } = "off";

    /// <summary>Impressions the follower has seen in the log.</summary>
    public long ImpressionsObserved => _impressionCounter.Count;

    /// <summary>
    /// Builds the engine and brings it to the log's head (the trainer and the observers), reporting progress. The
    /// store stays the caller's. Throws <see cref="RecommendationOptionsException"/> listing every options problem.
    /// </summary>
    public static async Task<RecommendationEngine> CreateAsync(IWhisperStore store, RecommendationEngineOptions? options = null, IProgress<EngineProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        options ??= new RecommendationEngineOptions();
        options.EnsureValid();
        progress?.Report(new EngineProgress("catalog", 0, 0));
        var catalog = await CatalogView.LoadAsync(store.Catalog, cancellationToken).ConfigureAwait(false);
        progress?.Report(new EngineProgress("catalog", catalog.VideoCount, catalog.VideoCount));

        // The trainer takes its sink before it makes the model; the serving index binds to the model right after.
        var sink = new SinkRelay();
        var trainerOptions = options.Trainer;
        var attested = options.ModelAttestation?.AttestNewestCheckpoint(trainerOptions.CheckpointDirectory!);
        if (attested is not null)
        {
            // Serving writes no checkpoint of its own, so the next start again begins from an approved file.
            trainerOptions = trainerOptions with { CheckpointEvery = long.MaxValue };
        }

        var trainer = trainerOptions.CheckpointDirectory is null
            ? new OnlineTrainer(store.Events, catalog, trainerOptions, sink, options.Time)
            : await OnlineTrainer.ResumeAsync(store.Events, catalog, trainerOptions, sink, options.Time, cancellationToken).ConfigureAwait(false);
        if (attested is not null)
        {
            try
            {
                ModelAttestation.ConfirmResumed(attested, trainer.ResumedFrom, trainer.Model.Version);
            }
            catch
            {
                trainer.Dispose();
                throw;
            }
        }

        var dimension = options.Trainer.Model.Dimension;
        var index = new ServingVectorIndex(new ExactVectorIndex(dimension, Math.Max(1024, catalog.VideoCount)), trainer.Model);
        sink.Target = index;
        var engine = new RecommendationEngine(store, options, catalog, trainer, index, attested);
        try
        {
            engine.LoadOrPlanAnn(dimension);
            var training = trainer.CatchUpAsync(Relay(progress, "train"), cancellationToken);
            var observing = Task.Run(() => engine.Follower.CatchUpAsync(RelayPair(progress, "observe"), cancellationToken), cancellationToken);
            await Task.WhenAll(training, observing).ConfigureAwait(false);
            var videos = catalog.VideoIds.ToArray();
            progress?.Report(new EngineProgress("exact index", 0, videos.Length));
            var indexed = index.IndexAllExact(videos);
            progress?.Report(new EngineProgress("exact index", indexed, indexed));
            engine.AttachLoadedAnn();
            if (engine._annNeedsBuild && catalog.VideoCount < options.ForegroundAnnBelow)
            {
                engine._annNeedsBuild = false;
                progress?.Report(new EngineProgress("ann index", 0, catalog.VideoCount));
                engine.BuildAnn(cancellationToken);
                progress?.Report(new EngineProgress("ann index", catalog.VideoCount, catalog.VideoCount));
                cancellationToken.ThrowIfCancellationRequested();
            }
            engine.Fresh.Refresh((options.Time ?? TimeProvider.System).GetUtcNow());
            return engine;
        }
        catch
        {
            await engine.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Starts the background work: the trainer's <see cref="OnlineTrainer.RunAsync"/> loop, the follower's loop, the
    /// HNSW build when none was loaded, and LightGBM training when the log holds enough impressions. Returns at once.
    /// </summary>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException("The engine is already started.");
        }

        var stop = _stop.Token;
        _loops.Add(Task.Run(() => Trainer.RunAsync(stop), CancellationToken.None));
        _loops.Add(Task.Run(() => Follower.RunAsync(stop), CancellationToken.None));
        if (_annNeedsBuild)
        {
            _loops.Add(Task.Run(() => BuildAnn(stop), CancellationToken.None));
        }

        _rankerLoop = Task.Run(() => TrainRankerAsync(stop), CancellationToken.None);
        _loops.Add(_rankerLoop);
        return Task.CompletedTask;
    }

    /// <summary>Wakes the trainer and the follower now: call after appending events to the log (the server's ingest does).</summary>
    public void Nudge()
    {
        Trainer.Nudge();
        Follower.Nudge();
    }

    /// <summary>Waits until the impressions served so far are on the log (no-op without batching).</summary>
    public Task FlushImpressionsAsync(CancellationToken cancellationToken = default) =>
        _impressions?.FlushAsync(cancellationToken) ?? Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        foreach (var loop in _loops)
        {
            // LightGBM training cannot be cancelled once past the log read; it only touches memory, so it is left to finish.
            if (loop.IsCompleted || (!_rankerReadingLog && IsRankerLoop(loop)))
            {
                continue;
            }

            try
            {
                await loop.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopping.
            }
        }

        if (_impressions is not null)
        {
            await _impressions.DisposeAsync().ConfigureAwait(false);
        }

        if (_responses is not null)
        {
            await _responses.DisposeAsync().ConfigureAwait(false);
        }

        await PersistAsync().ConfigureAwait(false);
        Follower.Dispose();
        Trainer.Dispose();
        Index.Ann?.Dispose();
        _loadedAnn?.Dispose();
        Index.Exact.Dispose();
        _stop.Dispose();
        _annReady.TrySetCanceled();
        _rankerReady.TrySetResult(null);
    }

    private bool IsRankerLoop(Task loop) => ReferenceEquals(loop, _rankerLoop);

    private static SyncProgress<TrainingProgress>? Relay(IProgress<EngineProgress>? progress, string stage) =>
        progress is null ? null : new SyncProgress<TrainingProgress>(p => progress.Report(new EngineProgress(stage, p.Done, p.Total)));

    private static SyncProgress<(long Done, long Total)>? RelayPair(IProgress<EngineProgress>? progress, string stage) =>
        progress is null ? null : new SyncProgress<(long Done, long Total)>(p => progress.Report(new EngineProgress(stage, p.Done, p.Total)));

    /// <summary>Reports synchronously (Progress&lt;T&gt; would post to the pool and reorder reports).</summary>
    private sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }

    /// <summary>Forwards the trainer's notifications to the serving index once it exists.</summary>
    private sealed class SinkRelay : Model.IVideoVectorSink
    {
        public ServingVectorIndex? Target { get; set; }

        public void OnVideoVectorsChanged(ReadOnlySpan<long> videoIds) => Target?.OnVideoVectorsChanged(videoIds);
    }

    private sealed class ImpressionCounter : IEngagementObserver
    {
        private long _count;

        public long Count => Interlocked.Read(ref _count);

        public void Observe(in LoggedEvent logged)
        {
            if (logged.Event.Kind == EventKind.Impression)
            {
                Interlocked.Increment(ref _count);
            }
        }
    }
}
