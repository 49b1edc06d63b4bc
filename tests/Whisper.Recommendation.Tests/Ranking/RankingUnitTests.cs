using Whisper.Core.Domain;
using Whisper.Recommendation.Candidates;
using Whisper.Recommendation.Catalog;
using Whisper.Recommendation.Ranking;
using Whisper.Recommendation.Tests.Feed;

namespace Whisper.Recommendation.Tests.Ranking;

public sealed class RankingUnitTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Auc_PerfectReversedAndTied()
    {
        bool[] labels = [false, false, true, true];

        Assert.Equal(1.0, Auc.Compute([0.1f, 0.2f, 0.8f, 0.9f], labels));
        Assert.Equal(0.0, Auc.Compute([0.9f, 0.8f, 0.2f, 0.1f], labels));
        Assert.Equal(0.5, Auc.Compute([0.5f, 0.5f, 0.5f, 0.5f], labels));
        Assert.Equal(0.75, Auc.Compute([0.1f, 0.6f, 0.5f, 0.9f], labels));
        Assert.True(double.IsNaN(Auc.Compute([0.1f, 0.2f], [true, true])));
    }

    [Fact]
    public void RankerOptions_Defaults_Valid() => Assert.Empty(new RankerOptions().Validate());

    [Fact]
    public void RankerOptions_EveryBadSetting_ReportedTogether()
    {
        var options = new RankerOptions
        {
            LongWatchWeight = -1,
            LikeWeight = float.NaN,
            LongWatchRatio = 0,
            LabelWindow = TimeSpan.Zero,
            HoldoutFraction = 1,
            Iterations = 0,
            NumberOfLeaves = 1,
            MinimumExampleCountPerLeaf = 0,
            LearningRate = 2,
            MinimumPositives = 0,
        };

        var problems = options.Validate();

        Assert.Equal(10, problems.Count);
        Assert.Throws<RecommendationOptionsException>(options.EnsureValid);
    }

    [Fact]
    public void RankerOptions_AllWeightsZero_Refused()
    {
        var problems = new RankerOptions { LongWatchWeight = 0, LikeWeight = 0, ShareWeight = 0, FollowWeight = 0 }.Validate();

        Assert.Single(problems);
    }

    [Fact]
    public void Build_LabelsFromFollowUpEngagementWithinWindow()
    {
        var catalog = Catalog();
        EngagementEvent[] events =
        [
            Event(1, 1, EventKind.Impression, 0),
            Event(1, 1, EventKind.View, 20, watchMs: 8_000),      // 8 of 10 s: long watch
            Event(1, 1, EventKind.Like, 21),
            Event(1, 2, EventKind.Impression, 30),
            Event(1, 2, EventKind.View, 35, watchMs: 2_000),      // short
            Event(1, 2, EventKind.Share, 30 + 7_200),              // after the 1 h window
            Event(2, 1, EventKind.Impression, 40),
            Event(2, 1, EventKind.Follow, 50),
            Event(2, 3, EventKind.Impression, 60),                 // same creator, after the follow
        ];

        var data = ImpressionDatasetBuilder.Build(events, catalog, static (_, _) => 0.25f, new RankerOptions());

        Assert.Equal(4, data.Rows);
        Assert.True(data.Label(0, RankingObjective.LongWatch));
        Assert.True(data.Label(0, RankingObjective.Like));
        Assert.False(data.Label(1, RankingObjective.LongWatch));
        Assert.False(data.Label(1, RankingObjective.Share));
        Assert.True(data.Label(2, RankingObjective.Follow));
        Assert.Equal(0.25f, data.Row(0)[RankingFeatures.ModelScore]);

        // Point in time: user 2 follows creator 10 only from second 50 (the catalog already says "follows").
        Assert.Equal(0f, data.Row(2)[RankingFeatures.FollowsCreator]);
        Assert.Equal(1f, data.Row(3)[RankingFeatures.FollowsCreator]);

        // Counters: video 1's second impression sees the first one (and its long watch), not itself.
        Assert.Equal(0f, data.Row(0)[RankingFeatures.VideoImpressionsLog]);
        Assert.Equal(MathF.Log(2), data.Row(2)[RankingFeatures.VideoImpressionsLog]);
        Assert.True(data.Row(2)[RankingFeatures.VideoLongWatchRate] > data.Row(0)[RankingFeatures.VideoLongWatchRate]);
    }

    [Fact]
    public void ModelScoreRanker_WarmUsesModel_ColdUsesSourceScore()
    {
        var model = new FakeEmbeddingModel(static (_, v) => v, static u => u == 1);
        var ranker = new ModelScoreRanker(model);
        Candidate[] candidates = [new(1, 30, CandidateOrigin.Trending), new(2, 10, CandidateOrigin.Fresh)];
        var scores = new float[2];

        ranker.Score(new FeedRequest(1, Regions.Us, T0, 2) { UserVector = [1, 1, 1, 1] }, candidates, scores);
        Assert.Equal([1f, 2f], scores);

        ranker.Score(new FeedRequest(2, Regions.Us, T0, 2), candidates, scores);
        Assert.Equal([30f, 10f], scores);
    }

    [Fact]
    public void RankerSlot_Swap_ServesTheNewRanker()
    {
        var slot = new RankerSlot(new ModelScoreRanker(new FakeEmbeddingModel(static (_, v) => v, static _ => true)));
        var scores = new float[1];
        var request = new FeedRequest(1, Regions.Us, T0, 1) { UserVector = [1, 1, 1, 1] };

        slot.Score(request, [new Candidate(7, 0, CandidateOrigin.Ann)], scores);
        Assert.Equal(7f, scores[0]);
        Assert.Equal("model-score", slot.Version);

        slot.Swap(new ConstantRanker());
        slot.Score(request, [new Candidate(7, 0, CandidateOrigin.Ann)], scores);
        Assert.Equal(42f, scores[0]);
        Assert.Equal("constant", slot.Version);
    }

    [Fact]
    public void EngagementCounters_CountPerVideoAndCreator()
    {
        var counters = new EngagementCounters(Catalog());
        counters.Observe(new LoggedEvent(1, Event(1, 1, EventKind.Impression, 0)));
        counters.Observe(new LoggedEvent(2, Event(1, 1, EventKind.View, 1, watchMs: 9_000)));
        counters.Observe(new LoggedEvent(3, Event(2, 3, EventKind.Like, 2)));
        counters.Observe(new LoggedEvent(4, Event(2, 99, EventKind.Like, 2))); // unknown video: ignored

        Assert.Equal(new EngagementCounts(1, 1, 1, 0, 0, 0), counters.Video(1));
        Assert.Equal(new EngagementCounts(1, 1, 1, 1, 0, 0), counters.Creator(10));
        Assert.Equal(default, counters.Video(99));
    }

    private static CatalogView Catalog()
    {
        var catalog = new CatalogView();
        catalog.AddOrUpdateUser(new User(1, "a", "US", "1.1.1.1", "US", "US", T0));
        catalog.AddOrUpdateUser(new User(2, "b", "US", "1.1.1.1", "US", "US", T0));
        catalog.AddOrUpdateVideo(new Video(1, 10, 10_000, T0.AddDays(-1), ["cooking"], "en", "us"));
        catalog.AddOrUpdateVideo(new Video(2, 11, 10_000, T0.AddDays(-1), ["travel"], "en", "us"));
        catalog.AddOrUpdateVideo(new Video(3, 10, 10_000, T0.AddDays(-1), ["cooking"], "en", "us"));
        catalog.AddFollow(2, 10);
        return catalog;
    }

    private static EngagementEvent Event(long user, long video, EventKind kind, int seconds, int watchMs = 0) =>
        new(Guid.NewGuid(), user, video, kind, T0.AddSeconds(seconds), watchMs);

    private sealed class ConstantRanker : IVersionedRanker
    {
        public string Version => "constant";

        public void Score(FeedRequest request, ReadOnlySpan<Candidate> candidates, Span<float> scores) => scores.Fill(42);
    }
}
