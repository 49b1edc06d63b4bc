using Whisper.Recommendation.Candidates;
using Whisper.Recommendation.Feed;
using Whisper.Recommendation.Ranking;

namespace Whisper.Recommendation.Tests.Feed;

public sealed class FeedPreRankTests : IAsyncLifetime
{
    private FeedWorld _world = null!;

    public async Task InitializeAsync() => _world = await FeedWorld.CreateAsync();

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task GetFeed_RankTopK_RankerSeesOnlyTheBestByModelScore()
    {
        var ranker = new CountingRanker();
        var feed = new FeedService(_world.Store.Events, _world.Catalog, _world.Model, _world.Sources, ranker,
            options: new FeedOptions { RankTopK = 16 }, cursorKey: new FixedFeedCursorKey(FeedWorld.Key), time: _world.Time);

        var page = (await feed.GetFeedAsync(2, 10, null)).Page!;

        Assert.Equal(16, ranker.LastCount); // of several hundred merged candidates
        Assert.Equal(10, page.Items.Count);
        var worstRanked = ranker.Ranked.Min(v => _world.Model.Score(2, v));
        Assert.All(page.Items.Where(i => !ranker.Ranked.Contains(i.VideoId)), i => Assert.True(_world.Model.Score(2, i.VideoId) <= worstRanked, "the tail is below the ranked head by model score"));
        Assert.True(page.Items.Count(i => ranker.Ranked.Contains(i.VideoId)) >= 5, "the ranked head fills most of the page");
    }

    private sealed class CountingRanker : IVersionedRanker
    {
        public int LastCount { get; private set; }

        public HashSet<long> Ranked { get; } = [];

        public string Version => "counting";

        public void Score(FeedRequest request, ReadOnlySpan<Candidate> candidates, Span<float> scores)
        {
            LastCount = candidates.Length;
            Ranked.Clear();
            foreach (var c in candidates)
            {
                Ranked.Add(c.VideoId);
            }
            for (var i = 0; i < candidates.Length; i++)
            {
                scores[i] = 10 - (i * 0.01f);
            }
        }
    }
}
