using Whisper.Evaluation.Data;
using Whisper.Evaluation.Reports;
using Whisper.Recommendation.Catalog;
using Whisper.World.Generation;

namespace Whisper.Evaluation.Tests.Fixtures;

/// <summary>
/// The small fixed world (1,500 users, 2,000 videos, 30 days, seed 42: ~143k events), written to a SQLite store and
/// loaded once per test class, with the default temporal evaluation of every recommender run once. 30 rather than
/// 10 days: at 10 days (~47k events, ~290 test users) NDCG@10 sits at 0.01–0.03 and the baselines' order flips with
/// the seed, so a comparison would test noise (docs/evaluation.md, "Measured").
/// </summary>
public sealed class SmallWorld : IAsyncLifetime
{
    public const string Collection = "small world";

    public static readonly WorldOptions Options = new() { Users = 1_500, Videos = 2_000, Days = 30, Seed = 42 };

    private TempStore? _store;

    public EvaluationDataset Dataset { get; private set; } = null!;

    public EvaluationReport Report { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _store = await TempStore.CreateAsync();
        await WorldWriter.WriteAsync(Options, _store.Store, _store.PathOf("world.wgt"));
        var catalog = await CatalogView.LoadAsync(_store.Store.Catalog);
        Dataset = await EvaluationDataset.LoadAsync(_store.Store.Events, catalog);
        var options = new EvaluationOptions();
        Report = await Evaluator.EvaluateAsync(Dataset, "world", options, DefaultRecommenders.All(options));
    }

    public async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }
    }
}

/// <summary>Shares one <see cref="SmallWorld"/> between every test class that needs it (it takes seconds to build).</summary>
[CollectionDefinition(SmallWorld.Collection)]
public sealed class SmallWorldGroup : ICollectionFixture<SmallWorld>;
