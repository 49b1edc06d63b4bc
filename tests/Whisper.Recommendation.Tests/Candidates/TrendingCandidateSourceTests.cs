using Whisper.Core.Domain;
using Whisper.Recommendation.Candidates;
using Whisper.Recommendation.Catalog;

namespace Whisper.Recommendation.Tests.Candidates;

public sealed class TrendingCandidateSourceTests
{
    private static readonly DateTimeOffset T0 = Requests.T0;
    private long _sequence;

    private static CatalogView Catalog()
    {
        var catalog = new CatalogView();
        catalog.AddUser(1, "US");
        catalog.AddUser(2, "DE");
        for (var id = 1; id <= 400; id++)
        {
            catalog.AddVideo(id, 1000 + (id % 7), T0.AddDays(-3));
        }

        return catalog;
    }

    private void Emit(TrendingCandidateSource source, long userId, long videoId, EventKind kind, DateTimeOffset at, int times = 1)
    {
        for (var i = 0; i < times; i++)
        {
            source.Observe(new LoggedEvent(++_sequence, new EngagementEvent(Guid.NewGuid(), userId, videoId, kind, at)));
        }
    }

    [Theory]
    [InlineData(1, new long[] { 2, 1 })] // 1 h half-life: 10 views 3 h ago weigh 10/8 = 1.25 < 3 recent views
    [InlineData(24, new long[] { 1, 2 })] // 24 h half-life: the old burst still weighs 10·2^(−1/8) ≈ 9.2 > 3
    public void Collect_OldBurstVersusRecentSmallerBurst_DependsOnHalfLife(int halfLifeHours, long[] expected)
    {
        var source = new TrendingCandidateSource(Catalog(), new TrendingOptions { HalfLife = TimeSpan.FromHours(halfLifeHours) });
        Emit(source, 1, videoId: 1, EventKind.View, T0.AddHours(-3), times: 10);
        Emit(source, 1, videoId: 2, EventKind.View, T0, times: 3);

        var found = source.Collect(Requests.For(1, T0), budget: 10);

        Assert.Equal(expected, found.Ids());
        var expectedOld = 10 * Math.Pow(2, -3.0 / halfLifeHours);
        Assert.Equal(expectedOld, source.ScoreOf(Regions.Us, 1, T0), 1e-9);
        Assert.Equal(3, source.ScoreOf(Regions.Us, 2, T0), 1e-9);
        Assert.Equal(1.5, source.ScoreOf(Regions.Us, 2, T0.AddHours(halfLifeHours)), 1e-9);
    }

    [Fact]
    public void Collect_RegionsAreSeparate()
    {
        var source = new TrendingCandidateSource(Catalog());
        Emit(source, userId: 1, videoId: 5, EventKind.Like, T0); // US user
        Emit(source, userId: 2, videoId: 6, EventKind.Like, T0); // DE user: eu

        Assert.Equal([5L], source.Collect(Requests.For(1, T0, region: Regions.Us), 10).Ids());
        Assert.Equal([6L], source.Collect(Requests.For(2, T0, region: Regions.Europe), 10).Ids());
        Assert.Empty(source.Collect(Requests.For(3, T0, region: Regions.AsiaPacific), 10));
    }

    [Fact]
    public void Observe_KindWeights_ShareOutweighsViewsAndImpressionsCountNothing()
    {
        var source = new TrendingCandidateSource(Catalog(), new TrendingOptions { ViewWeight = 1, ShareWeight = 8, ImpressionWeight = 0 });
        Emit(source, 1, videoId: 1, EventKind.View, T0, times: 5);
        Emit(source, 1, videoId: 2, EventKind.Share, T0);
        Emit(source, 1, videoId: 3, EventKind.Impression, T0, times: 100);

        var found = source.Collect(Requests.For(1, T0), budget: 10);

        Assert.Equal([2L, 1L], found.Ids());
        Assert.Equal(8f, found[0].SourceScore, 1e-5f);
        Assert.Equal(5f, found[1].SourceScore, 1e-5f);
    }

    [Fact]
    public void Collect_SkipsServedAndBlocked_HonoursBudget()
    {
        var source = new TrendingCandidateSource(Catalog());
        for (var id = 1; id <= 10; id++)
        {
            Emit(source, 1, id, EventKind.View, T0, times: id);
        }

        var request = Requests.For(1, T0) with { RecentlyServed = new HashSet<long> { 10 }, BlockedCreators = new HashSet<long> { 1000 + (9 % 7) } };

        Assert.Equal([8L, 7L, 6L], source.Collect(request, budget: 3).Ids());
    }

    [Fact]
    public void Observe_ManyRandomEvents_TopListMatchesBruteForce()
    {
        // A small top list forces evictions; events span 60 half-lives, forcing rescales and forgetting.
        var options = new TrendingOptions { HalfLife = TimeSpan.FromHours(1), TopPerRegion = 20 };
        var source = new TrendingCandidateSource(Catalog(), options);
        var random = new Random(17);
        var events = new List<(long Video, EventKind Kind, DateTimeOffset At)>();
        var at = T0.AddHours(-60);
        for (var i = 0; i < 20_000; i++)
        {
            at = at.AddSeconds(random.Next(0, 22));
            var kind = (EventKind)random.Next(1, 8);
            var video = 1 + (long)Math.Min(399, Math.Abs(random.NextDouble() * random.NextDouble() * 400));
            events.Add((video, kind, at));
            Emit(source, 1, video, kind, at);
        }

        var now = at;
        var truth = events
            .GroupBy(e => e.Video)
            .Select(g => (Video: g.Key, Score: g.Sum(e => options.WeightOf(e.Kind) * Math.Pow(2, -(now - e.At).TotalHours))))
            .Where(x => x.Score > 0)
            .OrderByDescending(x => x.Score)
            .Take(10)
            .ToList();

        var found = source.Collect(Requests.For(1, now), budget: 10);

        Assert.Equal(truth.Select(t => t.Video), found.Ids());
        for (var i = 0; i < truth.Count; i++)
        {
            Assert.Equal(truth[i].Score, found[i].SourceScore, truth[i].Score * 1e-4);
        }
    }

    [Fact]
    public void Constructor_BadOptions_ListsEveryProblem()
    {
        var bad = new TrendingOptions { HalfLife = TimeSpan.Zero, TopPerRegion = 0, LikeWeight = -1, ViewWeight = double.NaN };

        var e = Assert.Throws<CandidateOptionsException>(() => new TrendingCandidateSource(new CatalogView(), bad));

        Assert.Equal(4, e.Problems.Count);
        Assert.Contains(e.Problems, p => p.Contains("LikeWeight", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.Contains("ViewWeight", StringComparison.Ordinal));
    }
}
