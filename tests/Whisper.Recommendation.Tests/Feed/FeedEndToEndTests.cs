using Whisper.Core.Domain;
using Whisper.Recommendation.Candidates;
using Whisper.Recommendation.Catalog;
using Whisper.Recommendation.Feed;
using Whisper.Recommendation.Ranking;
using Whisper.Recommendation.Reranking;
using Whisper.Recommendation.Training;
using Whisper.Storage;
using Whisper.World.Generation;

using Xunit.Abstractions;

namespace Whisper.Recommendation.Tests.Feed;

/// <summary>
/// The whole path through the real pieces: a generated world written to a real SQLite store, the online trainer's
/// two-tower model, the ANN (exact index), following, trending and fresh sources, LightGBM trained on the log's
/// impressions, the re-ranker, and the feed appending impressions back to the same log.
/// </summary>
public sealed class FeedEndToEndTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly WorldOptions World = new() { Users = 300, Videos = 500, Days = 5, SessionsPerUserPerDay = 2, Seed = 21 };
    private DirectoryInfo _folder = null!;
    private IWhisperStore _store = null!;

    public async Task InitializeAsync()
    {
        _folder = Directory.CreateTempSubdirectory("whisper-feed-e2e-");
        _store = await WhisperStores.OpenAsync(new StoreOptions(StoreProvider.Sqlite, Path.Combine(_folder.FullName, "w.db")));
        await WorldWriter.WriteAsync(World, _store, Path.Combine(_folder.FullName, "truth.bin"));
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        _folder.Delete(recursive: true);
    }

    [Fact]
    public async Task GetFeed_RealModelSourcesAndRanker_PagesWithoutRepeatsAndLogsImpressions()
    {
        var now = World.Start.AddDays(World.Days);
        var catalog = await CatalogView.LoadAsync(_store.Catalog);
        using var index = new ExactVectorIndex(new OnlineTrainerOptions().Model.Dimension);
        var indexer = new VideoVectorIndexer(index);
        using var trainer = new OnlineTrainer(_store.Events, catalog, new OnlineTrainerOptions(), indexer, new ManualTime(now));
        indexer.Bind(trainer.Model);
        await trainer.CatchUpAsync();

        var trending = new TrendingCandidateSource(catalog);
        var counters = new EngagementCounters(catalog);
        var logged = new List<LoggedEvent>();
        for (long after = 0; await _store.Events.ReadAsync(after, 10_000, logged) > 0; after = logged[^1].Sequence, logged.Clear())
        {
            foreach (var e in logged)
            {
                trending.Observe(e);
                counters.Observe(e);
            }
        }

        var fresh = new FreshCandidateSource(catalog);
        fresh.Refresh(now);
        var rankerOptions = new RankerOptions { Iterations = 40 };
        var dataset = await ImpressionDatasetBuilder.BuildAsync(_store.Events, catalog, trainer.Model.Score, rankerOptions);
        var training = LightGbmRankerTrainer.Train(dataset, new RankingFeatureSource(catalog, trainer.Model, counters), rankerOptions);
        var slot = new RankerSlot(new ModelScoreRanker(trainer.Model));
        slot.Swap(training.Serving);
        var lw = training.Report[RankingObjective.LongWatch];
        output.WriteLine($"rows={dataset.Rows} long-watch AUC lightgbm={lw.LightGbmAuc:F4} two-tower={lw.ModelScoreAuc:F4} serving={training.Report.Serving}");

        ICandidateSource[] sources = [new FollowingCandidateSource(catalog), new AnnCandidateSource(index, catalog), trending, fresh];
        var feed = new FeedService(_store.Events, catalog, trainer.Model, sources, slot, new ReRanker(new ReRankerOptions()), time: new ManualTime(now));
        var head = await _store.Events.GetHeadAsync();

        var warmUser = Enumerable.Range(1, World.Users).First(u => trainer.Model.TryGetUserVector(u, new float[trainer.Model.Dimension]));
        var seen = new HashSet<long>();
        string? cursor = null;
        for (var p = 0; p < 3; p++)
        {
            var result = await feed.GetFeedAsync(warmUser, 20, cursor);
            Assert.Equal(FeedStatus.Ok, result.Status);
            var page = result.Page!;
            Assert.False(page.ColdStart);
            Assert.StartsWith("two-tower/", page.ModelVersion, StringComparison.Ordinal);
            Assert.Equal(slot.Version, page.RankerVersion);
            Assert.Equal(20, page.Items.Count);
            Assert.All(page.Items, i => Assert.True(seen.Add(i.VideoId), $"video {i.VideoId} repeated"));
            Assert.All(page.Items.GroupBy(i => i.CreatorId), g => Assert.True(g.Count() <= 2));
            cursor = page.NextCursor;
        }

        Assert.Equal(head + 60, await _store.Events.GetHeadAsync());

        // A user who joined after training: the two-tower model falls back to side features (region) for a vector,
        // so the feed still serves a full page; a model without that fallback would make it a cold start.
        catalog.AddOrUpdateUser(new User(World.Users + 1, "newcomer", "US", "198.51.100.9", "US", "US", now));
        var newcomer = (await feed.GetFeedAsync(World.Users + 1, 10, null)).Page!;
        output.WriteLine($"newcomer: coldStart={newcomer.ColdStart} origins={string.Join(",", newcomer.Items.Select(i => i.Origin))}");
        Assert.Equal(10, newcomer.Items.Count);
        Assert.Equal(10, newcomer.Items.Select(i => i.VideoId).Distinct().Count());
        Assert.Contains(newcomer.Items, i => i.Origin == CandidateOrigin.Fresh);
    }
}
