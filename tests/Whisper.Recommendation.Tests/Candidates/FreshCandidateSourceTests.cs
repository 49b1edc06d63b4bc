using Whisper.Recommendation.Candidates;
using Whisper.Recommendation.Catalog;

namespace Whisper.Recommendation.Tests.Candidates;

public sealed class FreshCandidateSourceTests
{
    private static readonly DateTimeOffset T0 = Requests.T0;
    private static readonly FreshOptions Options = new() { Window = TimeSpan.FromHours(24), NewCreatorWindow = TimeSpan.FromDays(7) };

    /// <summary>
    /// Creator 1 is old (first video 100 days ago) and publishes videos 1..200 over the last 200 hours; creator 2 is
    /// new (first video 3 days ago, ids 1001..1003); creator 3 is old with a video from 20 days ago (2001).
    /// </summary>
    private static CatalogView Catalog()
    {
        var catalog = new CatalogView();
        catalog.AddVideo(1, 1, T0.AddDays(-100));
        for (var id = 2; id <= 200; id++)
        {
            catalog.AddVideo(id, 1, T0.AddHours(-200 + id));
        }

        catalog.AddVideo(1001, 2, T0.AddDays(-3));
        catalog.AddVideo(1002, 2, T0.AddDays(-2));
        catalog.AddVideo(1003, 2, T0.AddHours(-30));
        catalog.AddVideo(2001, 3, T0.AddDays(-20));
        catalog.AddVideo(2002, 3, T0.AddDays(-40));
        catalog.AddVideo(3001, 4, T0.AddHours(2)); // published after the request
        return catalog;
    }

    private static HashSet<long> Eligible(DateTimeOffset now)
    {
        // Creator 1's videos younger than 24 h, plus all of new creator 2's videos.
        var hoursOld = (now - T0).TotalHours;
        var set = Enumerable.Range(2, 199).Where(id => 200 - id + hoursOld <= 24).Select(id => (long)id).ToHashSet();
        set.UnionWith([1001, 1002, 1003]);
        return set;
    }

    [Fact]
    public void Collect_OnlyVideosInsideWindowOrOfNewCreators()
    {
        var source = new FreshCandidateSource(Catalog(), Options);

        var found = source.Collect(Requests.For(5, T0), budget: 1_000);

        Assert.Equal(Eligible(T0), found.Ids().ToHashSet());
        Assert.All(found, c => Assert.Equal(CandidateOrigin.Fresh, c.Origin));
    }

    [Fact]
    public void Collect_SameUserAndDay_SameOrder_EvenWhenRequestTimeMoves()
    {
        var source = new FreshCandidateSource(Catalog(), Options);
        var morning = source.Collect(Requests.For(5, T0), budget: 8);
        var again = new FreshCandidateSource(Catalog(), Options).Collect(Requests.For(5, T0), budget: 8);
        var later = source.Collect(Requests.For(5, T0.AddMinutes(30)), budget: 8);

        Assert.Equal(8, morning.Count);
        Assert.Equal(morning.Ids(), again.Ids());

        // Half an hour on, one video may have aged out; the rest keep their order.
        var stillEligible = morning.Ids().Where(Eligible(T0.AddMinutes(30)).Contains).ToArray();
        Assert.Equal(stillEligible, later.Ids().Take(stillEligible.Length));
    }

    [Fact]
    public void Collect_NextDayOrOtherUser_DifferentPicks()
    {
        // A 30-day window makes the same 203 videos eligible on both days (creator 4's video, published in between,
        // is blocked), so only the (user, day) shuffle can change the picks; ten of 203 in the same order by chance
        // is negligible.
        var source = new FreshCandidateSource(Catalog(), Options with { Window = TimeSpan.FromDays(30) });
        var blocked = new HashSet<long> { 4 };
        var today = source.Collect(Requests.For(5, T0) with { BlockedCreators = blocked }, budget: 10).Ids();
        var otherUser = source.Collect(Requests.For(6, T0) with { BlockedCreators = blocked }, budget: 10).Ids();
        var nextDay = source.Collect(Requests.For(5, T0.AddDays(1)) with { BlockedCreators = blocked }, budget: 10).Ids();
        var allToday = source.Collect(Requests.For(5, T0) with { BlockedCreators = blocked }, budget: 1_000).Ids();
        var allNextDay = source.Collect(Requests.For(5, T0.AddDays(1)) with { BlockedCreators = blocked }, budget: 1_000).Ids();

        Assert.Equal(allToday.Order(), allNextDay.Order());
        Assert.NotEqual(today, otherUser);
        Assert.NotEqual(today, nextDay);
    }

    [Fact]
    public void Collect_HonoursBudgetServedAndBlocked()
    {
        var source = new FreshCandidateSource(Catalog(), Options);
        var all = source.Collect(Requests.For(5, T0), budget: 1_000).Ids();
        var request = Requests.For(5, T0) with { RecentlyServed = new HashSet<long> { all[0] }, BlockedCreators = new HashSet<long> { 2 } };

        var found = source.Collect(request, budget: 5);

        Assert.Equal(5, found.Count);
        Assert.DoesNotContain(all[0], found.Ids());
        Assert.DoesNotContain(found, c => c.VideoId > 1000);
        Assert.Empty(source.Collect(Requests.For(5, T0), budget: 0));
    }

    [Fact]
    public void Collect_PoolRefresh_SeesVideosPublishedSinceLastScan()
    {
        var catalog = Catalog();
        var source = new FreshCandidateSource(catalog, Options with { RefreshInterval = TimeSpan.FromMinutes(5) });
        source.Collect(Requests.For(5, T0), budget: 1_000);

        catalog.AddVideo(500, 1, T0.AddMinutes(1));

        Assert.DoesNotContain(500L, source.Collect(Requests.For(5, T0.AddMinutes(2)), budget: 1_000).Ids()); // pool still current
        Assert.Contains(500L, source.Collect(Requests.For(5, T0.AddMinutes(6)), budget: 1_000).Ids());      // pool rebuilt
    }

    [Fact]
    public void Constructor_BadOptions_ListsEveryProblem()
    {
        var bad = new FreshOptions { Window = TimeSpan.Zero, NewCreatorWindow = TimeSpan.FromDays(-1), RefreshInterval = TimeSpan.Zero };

        Assert.Equal(3, Assert.Throws<CandidateOptionsException>(() => new FreshCandidateSource(new CatalogView(), bad)).Problems.Count);
    }
}
