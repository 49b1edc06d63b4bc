using Whisper.FeatureStore.Contract;
using Whisper.Parity.Explain;
using Whisper.Parity.Shadow;
using Whisper.Recommendation.Engine;
using Whisper.Recommendation.Training;
using Whisper.Storage;

namespace Whisper.Parity.Regions;

/// <summary>
/// A region served in process for shadowing: its For You engine built over a <see cref="ShadowStore"/> (nothing is
/// appended to its log), resumed from its model checkpoints and frozen there — the loops are not started, so no
/// checkpoint is written and both sides are compared as of the same instant. Reports its <see cref="RegionState"/>
/// and keeps its <see cref="Spec"/> so the explain step can rebuild it one cause at a time.
/// </summary>
public sealed class EngineRegion : IFeedRegion, IAsyncDisposable
{
    private readonly RecommendationEngine _engine;
    private readonly FeedServiceRegion _feed;
    private readonly string? _ownedDirectory;

    private EngineRegion(EngineRegionSpec spec, RecommendationEngine engine, RegionState state, string? ownedDirectory)
    {
        _engine = engine;
        _feed = new FeedServiceRegion(spec.Name, engine.Feed);
        _ownedDirectory = ownedDirectory;
        Spec = spec;
        State = state;
    }

    public string Name => Spec.Name;

    public EngineRegionSpec Spec { get; }

    public RegionState State { get; }

    public Recommendation.Catalog.CatalogView Catalog => _engine.Catalog;

    /// <param name="contract">The region's feature contract when it has one (e.g. <c>whisper features export</c>); null: unknown.</param>
    public static Task<EngineRegion> OpenAsync(string name, IWhisperStore store, string? checkpointDirectory, FeatureContract? contract, CancellationToken cancellationToken = default) =>
        OpenAsync(new EngineRegionSpec(name, store, checkpointDirectory, contract), cancellationToken);

    public static Task<EngineRegion> OpenAsync(EngineRegionSpec spec, CancellationToken cancellationToken = default) => OpenAsync(spec, null, cancellationToken);

    /// <summary>Opens <paramref name="spec"/>; <paramref name="ownedDirectory"/> (a scratch checkpoint folder) is deleted when the region is disposed.</summary>
    internal static async Task<EngineRegion> OpenAsync(EngineRegionSpec spec, string? ownedDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var directory = spec.CheckpointDirectory is { } d && Directory.Exists(d) ? d : null;
        var through = spec.FrozenAtCheckpoint
            ? directory is not null && CheckpointTransfer.NewestAtOrBelow(directory, long.MaxValue) is { } newest ? CheckpointTransfer.PositionOf(newest) : 0
            : long.MaxValue;
        var options = new RecommendationEngineOptions
        {
            Trainer = new OnlineTrainerOptions { CheckpointDirectory = directory },
            Feed = spec.Feed,
            UseAnn = spec.UseAnn,
            MinImpressionsForRanker = 0,
        };
        var engine = await RecommendationEngine.CreateAsync(new ShadowStore(spec.Store, through), options, cancellationToken: cancellationToken).ConfigureAwait(false);
        var head = await spec.Store.Events.GetHeadAsync(cancellationToken).ConfigureAwait(false);
        var model = engine.Trainer.Model;
        var budgets = engine.Feed.Candidates.Options;
        var state = new RegionState(
            spec.Name, spec.Contract, model.Version, engine.Trainer.Position, head, null, model.TableStats.Sum(t => (long)t.Rows), null, Math.Min(budgets.Warm.Total, budgets.MaxTotal));
        return new EngineRegion(spec, engine, state, ownedDirectory);
    }

    public Task<RegionAnswer> GetFeedAsync(ShadowRequest request, CancellationToken cancellationToken = default) => _feed.GetFeedAsync(request, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _engine.DisposeAsync().ConfigureAwait(false);
        if (_ownedDirectory is not null && Directory.Exists(_ownedDirectory))
        {
            Directory.Delete(_ownedDirectory, recursive: true);
        }
    }
}
