using Whisper.Core.Domain;
using Whisper.Recommendation.Candidates;
using Whisper.Recommendation.Catalog;

namespace Whisper.Recommendation.Tests.Candidates;

public sealed class LiveCandidateSourceTests
{
    private static readonly DateTimeOffset T0 = Requests.T0;

    private static CatalogView Catalog()
    {
        var catalog = new CatalogView();
        for (long creator = 1; creator <= 5; creator++)
        {
            catalog.AddVideo((creator * 10) + 1, creator, T0.AddDays(-2));
            catalog.AddVideo((creator * 10) + 2, creator, T0.AddDays(-1));
        }

        catalog.AddVideo(13, 1, T0.AddHours(1)); // creator 1's newest is published after the request
        catalog.AddOrUpdateLiveSession(new LiveSession(1, 1, T0.AddHours(-1), null, PeakViewers: 10));
        catalog.AddOrUpdateLiveSession(new LiveSession(2, 2, T0.AddHours(-1), null, PeakViewers: 5_000));
        catalog.AddOrUpdateLiveSession(new LiveSession(3, 3, T0.AddHours(-3), T0.AddHours(-2), PeakViewers: 9_000)); // ended
        catalog.AddOrUpdateLiveSession(new LiveSession(4, 4, T0.AddMinutes(-5), null, PeakViewers: 50));
        catalog.AddOrUpdateLiveSession(new LiveSession(5, 5, T0.AddHours(1), null, PeakViewers: 9_000)); // not started
        catalog.AddFollow(7, 1);
        catalog.AddFollow(7, 4);
        return catalog;
    }

    [Fact]
    public void Collect_OnlyLiveAtNow_FollowedFirst_LatestVideoPublishedByNow()
    {
        var source = new LiveCandidateSource(Catalog());

        var found = source.Collect(Requests.For(7, T0), budget: 10);

        // Followed (4: 50 viewers, 1: 10 viewers) before the not-followed creator 2 despite its 5,000 viewers.
        Assert.Equal([42L, 12L, 22L], found.Ids());
        Assert.All(found, c => Assert.Equal(CandidateOrigin.Live, c.Origin));
        Assert.True(found[1].SourceScore > found[2].SourceScore);
    }

    [Fact]
    public void Collect_FollowedOnlyBudgetAndBlocked()
    {
        var catalog = Catalog();

        Assert.Equal([42L, 12L], new LiveCandidateSource(catalog, includeNotFollowed: false).Collect(Requests.For(7, T0), 10).Ids());
        Assert.Equal([42L], new LiveCandidateSource(catalog).Collect(Requests.For(7, T0), 1).Ids());
        var blocked = Requests.For(7, T0) with { BlockedCreators = new HashSet<long> { 4 } };
        Assert.Equal([12L, 22L], new LiveCandidateSource(catalog).Collect(blocked, 10).Ids());
        Assert.Equal([22L], new LiveCandidateSource(catalog).Collect(Requests.For(99, T0), 10).Ids().Take(1));
    }
}
