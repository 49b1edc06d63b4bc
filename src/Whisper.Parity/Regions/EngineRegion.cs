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
/// checkpoint is written and both sides are compared as of the same instant. Reports its <see cref="RegionState"/>.
/// </summary>
public sealed class EngineRegion : IAsyncDisposable
{
    private readonly RecommendationEngine _engine;

    private EngineRegion(string name, RecommendationEngine engine, RegionState state)
    {
        _engine = engine;
        Feed = new FeedServiceRegion(name, engine.Feed);
        State = state;
    }

    public IFeedRegion Feed { get; }

    public RegionState State { get; }

    public Recommendation.Catalog.CatalogView Catalog => _engine.Catalog;

    /// <param name="contract">The region's feature contract when it has one (e.g. <c>whisper features export</c>); null: unknown.</param>
    public static async Task<EngineRegion> OpenAsync(string name, IWhisperStore store, string? checkpointDirectory, FeatureContract? contract, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var options = new RecommendationEngineOptions
        {
            Trainer = new OnlineTrainerOptions { CheckpointDirectory = checkpointDirectory is not null && Directory.Exists(checkpointDirectory) ? checkpointDirectory : null },
            MinImpressionsForRanker = 0,
        };
        var engine = await RecommendationEngine.CreateAsync(new ShadowStore(store), options, cancellationToken: cancellationToken).ConfigureAwait(false);
        var head = await store.Events.GetHeadAsync(cancellationToken).ConfigureAwait(false);
        var model = engine.Trainer.Model;
        var budgets = engine.Feed.Candidates.Options;
        var state = new RegionState(
            name, contract, model.Version, engine.Trainer.Position, head, null, model.TableStats.Sum(t => (long)t.Rows), null, Math.Min(budgets.Warm.Total, budgets.MaxTotal));
        return new EngineRegion(name, engine, state);
    }

    public ValueTask DisposeAsync() => _engine.DisposeAsync();
}
