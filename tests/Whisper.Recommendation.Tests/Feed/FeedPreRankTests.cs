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

    [Fact]
    public async Task GetFeed_KnownUser_RankerGetsThePreRankModelScores_ColdUserComputesItsOwn()
    {
        var ranker = new ModelScoreRecordingRanker();
        var feed = new FeedService(_world.Store.Events, _world.Catalog, _world.Model, _world.Sources, ranker,
            options: new FeedOptions { RankTopK = 16 }, cursorKey: new FixedFeedCursorKey(FeedWorld.Key), time: _world.Time);

        await feed.GetFeedAsync(2, 10, null);

        Assert.Equal(16, ranker.Given.Count);
        Assert.All(ranker.Given, g => Assert.Equal(_world.Model.Score(2, g.VideoId), g.ModelScore));
        Assert.Equal(0, ranker.PlainCalls);

        ranker.Given.Clear();
        await feed.GetFeedAsync(4, 10, null); // cold: its pre-rank is by source score, so no model scores to pass on

        Assert.Empty(ranker.Given);
        Assert.Equal(1, ranker.PlainCalls);
    }

    private sealed class ModelScoreRecordingRanker : IVersionedRanker
    {
        public List<(long VideoId, float ModelScore)> Given { get; } = [];

        public int PlainCalls { get; private set; }

        public string Version => "recording";

        public void Score(FeedRequest request, ReadOnlySpan<Candidate> candidates, Span<float> scores)
        {
            PlainCalls++;
            scores.Fill(1);
        }

        public void Score(FeedRequest request, ReadOnlySpan<Candidate> candidates, ReadOnlySpan<float> modelScores, Span<float> scores)
        {
            for (var i = 0; i < candidates.Length; i++)
            {
                Given.Add((candidates[i].VideoId, modelScores[i]));
            }

            scores.Fill(1);
        }
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
