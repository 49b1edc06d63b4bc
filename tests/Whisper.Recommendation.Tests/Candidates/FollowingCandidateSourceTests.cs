using Whisper.Recommendation.Candidates;
using Whisper.Recommendation.Catalog;

namespace Whisper.Recommendation.Tests.Candidates;

public sealed class FollowingCandidateSourceTests
{
    private static readonly DateTimeOffset T0 = Requests.T0;

    private static CatalogView Catalog()
    {
        var catalog = new CatalogView();
        // Creator 1: five videos an hour apart (ids rise with time); creator 2: two; creator 3 (not followed): one.
        for (var i = 0; i < 5; i++)
        {
            catalog.AddVideo(10 + i, 1, T0.AddHours(-10 + i));
        }

        catalog.AddVideo(20, 2, T0.AddHours(-7.5));
        catalog.AddVideo(21, 2, T0.AddHours(-1.5));
        catalog.AddVideo(30, 3, T0.AddHours(-0.5));
        catalog.AddFollow(7, 1);
        catalog.AddFollow(7, 2);
        return catalog;
    }

    [Fact]
    public void Collect_OnlyFollowedCreators_NewestFirst_BoundedPerCreator()
    {
        var source = new FollowingCandidateSource(Catalog(), new FollowingOptions { MaxPerCreator = 2 });

        var found = source.Collect(Requests.For(7), budget: 10);

        Assert.Equal([21L, 14L, 13L, 20L], found.Ids());
        Assert.All(found, c => Assert.Equal(CandidateOrigin.Following, c.Origin));
        Assert.True(found[0].SourceScore > found[^1].SourceScore);
    }

    [Fact]
    public void Collect_SkipsServedFutureTooOldAndBlocked()
    {
        var catalog = Catalog();
        catalog.AddVideo(15, 1, T0.AddHours(1)); // published after the request time
        var source = new FollowingCandidateSource(catalog, new FollowingOptions { MaxPerCreator = 3, MaxAge = TimeSpan.FromHours(9.5) });
        var request = Requests.For(7) with { RecentlyServed = new HashSet<long> { 14 }, BlockedCreators = new HashSet<long> { 2 } };

        var found = source.Collect(request, budget: 10);

        // 15 is in the future, 14 was served, 10 is older than 9.5 h, creator 2 is blocked.
        Assert.Equal([13L, 12L, 11L], found.Ids());
    }

    [Fact]
    public void Collect_HonoursBudgetAndUnknownUser()
    {
        var source = new FollowingCandidateSource(Catalog());

        Assert.Equal([21L, 14L], source.Collect(Requests.For(7), budget: 2).Ids());
        Assert.Empty(source.Collect(Requests.For(99), budget: 10));
    }

    [Fact]
    public void Constructor_BadOptions_ListsEveryProblem()
    {
        var e = Assert.Throws<CandidateOptionsException>(() => new FollowingCandidateSource(new CatalogView(), new FollowingOptions { MaxPerCreator = 0, MaxAge = TimeSpan.Zero }));

        Assert.Equal(2, e.Problems.Count);
    }
}
