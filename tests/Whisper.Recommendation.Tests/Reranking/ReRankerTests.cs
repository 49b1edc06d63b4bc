using Whisper.Core.Domain;
using Whisper.Recommendation.Candidates;
using Whisper.Recommendation.Reranking;

namespace Whisper.Recommendation.Tests.Reranking;

public sealed class ReRankerTests
{
    private static readonly ReRankerOptions Loose = new() { MaxPerCreator = 100, MaxPerTopic = 100, MinFreshShare = 0, MaxFreshShare = 1 };

    private static long[] Ids(RerankPage page) => [.. page.Items.Select(i => i.VideoId)];

    [Fact]
    public void Rerank_NoConstraintsBinding_KeepsScoreOrder()
    {
        var page = new ReRanker(Loose).Rerank(Ranked.Request, [.. Ranked.Distinct(10).Reverse()], 5);

        Assert.Equal([1L, 2, 3, 4, 5], Ids(page));
    }

    [Fact]
    public void Rerank_RecentlyServed_NeverRepeated()
    {
        var request = Ranked.Request with { RecentlyServed = new HashSet<long> { 1, 2, 3 } };

        var page = new ReRanker(Loose).Rerank(request, Ranked.Distinct(10), 5);

        Assert.Equal([4L, 5, 6, 7, 8], Ids(page));
    }

    [Fact]
    public void Rerank_WithoutRecentlyServedRule_WouldRepeat()
    {
        // The same input through a re-ranker lacking the rule serves the recent videos: the rule is what prevents it.
        var request = Ranked.Request with { RecentlyServed = new HashSet<long> { 1, 2, 3 } };

        var page = new ReRanker([], []).Rerank(request, Ranked.Distinct(10), 5);

        Assert.Contains(1L, Ids(page));
    }

    [Fact]
    public void Rerank_CreatorCap_AtMostKPerCreator()
    {
        // Creator 7's five videos all outscore creator 8's.
        RankedCandidate[] ranked = [.. Enumerable.Range(1, 5).Select(i => Ranked.Of(i, 100 - i, creatorId: 7, topic: "a" + i)),
            .. Enumerable.Range(6, 5).Select(i => Ranked.Of(i, 50 - i, creatorId: 8, topic: "b" + i))];

        var page = new ReRanker(Loose with { MaxPerCreator = 2 }).Rerank(Ranked.Request, ranked, 4);

        Assert.Equal([1L, 2, 6, 7], Ids(page));
        Assert.All(page.Items.GroupBy(i => i.CreatorId), g => Assert.True(g.Count() <= 2));
    }

    [Fact]
    public void Rerank_TopicDiversity_AtMostMPerTopTopic()
    {
        RankedCandidate[] ranked = [.. Enumerable.Range(1, 9).Select(i => Ranked.Of(i, 100 - i, topic: i <= 6 ? "cooking" : "travel"))];

        var page = new ReRanker(Loose with { MaxPerTopic = 2 }).Rerank(Ranked.Request, ranked, 4);

        Assert.Equal([1L, 2, 7, 8], Ids(page));
    }

    [Fact]
    public void Rerank_TopicDiversity_VideosWithoutTopicsUnlimited()
    {
        RankedCandidate[] ranked = [.. Enumerable.Range(1, 5).Select(i => Ranked.Of(i, 100 - i))];

        var page = new ReRanker(Loose with { MaxPerTopic = 1 }).Rerank(Ranked.Request, ranked, 5);

        Assert.Equal(5, page.Count);
    }

    [Fact]
    public void Rerank_FreshShare_MinimumGuaranteedEvenWhenFreshScoresLow()
    {
        RankedCandidate[] ranked = [.. Ranked.Distinct(20), .. Enumerable.Range(100, 5).Select(i => Ranked.Of(i, -i, origin: CandidateOrigin.Fresh, topic: "f" + i))];

        var page = new ReRanker(Loose with { MinFreshShare = 0.2, MaxFreshShare = 0.5 }).Rerank(Ranked.Request, ranked, 10);

        Assert.Equal(10, page.Count);
        Assert.Equal(2, page.FreshCount);
        Assert.Equal([100L, 101], page.Items.Where(i => i.IsFresh).Select(i => i.VideoId)); // the best fresh ones
        Assert.Equal([1L, 2, 3, 4, 5, 6, 7, 8], page.Items.Where(i => !i.IsFresh).Select(i => i.VideoId));
    }

    [Fact]
    public void Rerank_FreshShare_MaximumCapsFreshEvenWhenTheyScoreBest()
    {
        RankedCandidate[] ranked = [.. Enumerable.Range(100, 10).Select(i => Ranked.Of(i, 1_000 - i, origin: CandidateOrigin.Fresh, topic: "f" + i)), .. Ranked.Distinct(20)];

        var page = new ReRanker(Loose with { MinFreshShare = 0.1, MaxFreshShare = 0.3 }).Rerank(Ranked.Request, ranked, 10);

        Assert.Equal(10, page.Count);
        Assert.Equal(3, page.FreshCount);
    }

    [Fact]
    public void Rerank_FreshShare_FewerFreshThanMinimum_FillsWithOthers()
    {
        RankedCandidate[] ranked = [.. Ranked.Distinct(20), Ranked.Of(100, -1, origin: CandidateOrigin.Fresh)];

        var page = new ReRanker(Loose with { MinFreshShare = 0.5, MaxFreshShare = 1 }).Rerank(Ranked.Request, ranked, 10);

        Assert.Equal(10, page.Count);
        Assert.Equal(1, page.FreshCount);
    }

    [Theory]
    [InlineData(10, 0.1, 0.3, 1, 3)]
    [InlineData(1, 0.1, 0.3, 0, 1)]
    [InlineData(50, 0.1, 0.25, 5, 13)]
    [InlineData(10, 0, 0, 0, 0)]
    public void FreshShareRule_Bounds(int target, double min, double max, int expectedMin, int expectedMax)
    {
        var rule = new FreshShareRule(min, max);

        Assert.Equal(expectedMin, rule.Minimum(target));
        Assert.Equal(expectedMax, rule.Maximum(target));
    }

    [Fact]
    public void Rerank_BlockedCreators_Removed()
    {
        var request = Ranked.Request with { BlockedCreators = new HashSet<long> { 2, 4 } };

        var page = new ReRanker(Loose).Rerank(request, Ranked.Distinct(6), 6);

        Assert.Equal([1L, 3, 5, 6], Ids(page));
    }

    [Fact]
    public void Rerank_RegionAvailability_OnlyAllowedOriginsServed()
    {
        var options = Loose with { AvailableOrigins = new Dictionary<string, IReadOnlyList<string>> { [Regions.Us] = [Regions.Us] } };
        RankedCandidate[] ranked = [Ranked.Of(1, 9, region: Regions.Europe), Ranked.Of(2, 8, region: Regions.Us), Ranked.Of(3, 7, region: Regions.AsiaPacific), Ranked.Of(4, 6)];
        var reranker = new ReRanker(options);

        var us = reranker.Rerank(Ranked.Request, ranked, 4);
        var eu = reranker.Rerank(Ranked.Request with { Region = Regions.Europe }, ranked, 4);

        Assert.Equal([2L, 4], Ids(us));
        Assert.Equal([1L, 2, 3, 4], Ids(eu)); // a region without an entry sees everything
    }

    [Fact]
    public void Rerank_DuplicateCandidates_ServedOnce()
    {
        var page = new ReRanker(Loose).Rerank(Ranked.Request, [Ranked.Of(1, 3), Ranked.Of(1, 2), Ranked.Of(2, 1)], 3);

        Assert.Equal([1L, 2], Ids(page));
    }

    [Fact]
    public void Rerank_DefaultOptions_AllRulesHoldOnAMixedPool()
    {
        var rng = new Random(5);
        var ranked = Enumerable.Range(1, 300).Select(i => Ranked.Of(i, (float)rng.NextDouble(), creatorId: 1 + rng.Next(15),
            origin: rng.Next(5) == 0 ? CandidateOrigin.Fresh : CandidateOrigin.Ann, topic: "t" + rng.Next(10))).ToArray();
        var request = Ranked.Request with { RecentlyServed = new HashSet<long>(Enumerable.Range(1, 50).Select(i => (long)i)), BlockedCreators = new HashSet<long> { 3 } };

        var page = new ReRanker(new ReRankerOptions()).Rerank(request, ranked, 20);

        Assert.Equal(20, page.Count);
        Assert.DoesNotContain(page.Items, i => i.VideoId <= 50 || i.CreatorId == 3);
        Assert.All(page.Items.GroupBy(i => i.CreatorId), g => Assert.True(g.Count() <= 2));
        Assert.All(page.Items.GroupBy(i => i.TopTopic), g => Assert.True(g.Count() <= 3));
        Assert.InRange(page.FreshCount, 2, 6);
    }
}
