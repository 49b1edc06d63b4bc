using Whisper.Core.Domain;
using Whisper.Recommendation.Candidates;
using Whisper.Recommendation.Catalog;
using Whisper.Recommendation.Feed;
using Whisper.Recommendation.Ranking;
using Whisper.Storage;

namespace Whisper.Recommendation.Tests.Feed;

/// <summary>
/// A feed over a real SQLite store in a temp folder: users 1..5 (1–3 known to the model, 4–5 cold), 20 creators,
/// 600 videos with 12 topics; fake sources (ANN by model score, following, trending, fresh) that never skip served videos.
/// </summary>
public sealed class FeedWorld : IAsyncDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    public static readonly byte[] Key = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];

    private readonly DirectoryInfo _folder;

    private FeedWorld(DirectoryInfo folder, IWhisperStore store)
    {
        _folder = folder;
        Store = store;
        Catalog = new CatalogView();
        for (var u = 1; u <= 5; u++)
        {
            Catalog.AddOrUpdateUser(new User(u, "u" + u, "US", "1.1.1.1", "US", "US", Now.AddDays(-100)));
        }

        for (var v = 1; v <= 600; v++)
        {
            Catalog.AddOrUpdateVideo(new Video(v, 1 + (v % 20), 15_000, Now.AddHours(-v), ["topic" + (v % 12)], "en", Regions.Us));
        }

        Catalog.AddFollow(1, 3);
        Model = new FakeEmbeddingModel(static (u, v) => (float)(((u * 7919) + (v * 104_729)) % 1_000) / 1_000f, static u => u <= 3);
        var all = Enumerable.Range(1, 600).Select(i => (long)i).ToArray();
        Sources =
        [
            new RankedByModelSource(Model, all),
            new ListCandidateSource(CandidateOrigin.Following, [.. all.Where(v => 1 + (v % 20) == 3)], r => r.UserId == 1), // only user 1 follows creator 3
            new ListCandidateSource(CandidateOrigin.Trending, [.. all.OrderBy(v => (v * 31) % 600)]),
            new ListCandidateSource(CandidateOrigin.Fresh, all), // video 1 is the newest
        ];
    }

    public IWhisperStore Store { get; }

    public CatalogView Catalog { get; }

    public FakeEmbeddingModel Model { get; }

    public IReadOnlyList<ICandidateSource> Sources { get; }

    public ManualTime Time { get; } = new(Now);

    public static async Task<FeedWorld> CreateAsync()
    {
        var folder = Directory.CreateTempSubdirectory("whisper-feed-");
        var store = await WhisperStores.OpenAsync(new StoreOptions(StoreProvider.Sqlite, Path.Combine(folder.FullName, "feed.db")));
        return new FeedWorld(folder, store);
    }

    public FeedService Service(FeedOptions? options = null, IImpressionListener? listener = null, byte[]? key = null) =>
        new(Store.Events, Catalog, Model, Sources, new RankerSlot(new ModelScoreRanker(Model)), options: options,
            cursorKey: new FixedFeedCursorKey(key ?? Key), time: Time, listener: listener);

    public async Task<List<EngagementEvent>> LoggedAsync()
    {
        var logged = new List<LoggedEvent>();
        await Store.Events.ReadAsync(0, 100_000, logged);
        return [.. logged.Select(l => l.Event)];
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        _folder.Delete(recursive: true);
    }

    /// <summary>An ANN stand-in: every video, best model score first.</summary>
    private sealed class RankedByModelSource(FakeEmbeddingModel model, long[] videos) : ICandidateSource
    {
        public CandidateOrigin Origin => CandidateOrigin.Ann;

        public void Collect(FeedRequest request, int budget, List<Candidate> into)
        {
            if (request.UserVector.Length == 0)
            {
                return;
            }

            foreach (var v in videos.OrderByDescending(v => model.Score(request.UserId, v)).Take(budget))
            {
                into.Add(new Candidate(v, model.Score(request.UserId, v), CandidateOrigin.Ann));
            }
        }
    }
}
