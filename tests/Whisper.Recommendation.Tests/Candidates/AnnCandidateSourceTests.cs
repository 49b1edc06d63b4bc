using Whisper.Recommendation.Candidates;
using Whisper.Recommendation.Catalog;

namespace Whisper.Recommendation.Tests.Candidates;

public sealed class AnnCandidateSourceTests
{
    private static (AnnCandidateSource Source, CatalogView Catalog) Build(int videos)
    {
        var catalog = new CatalogView();
        var index = new ExactVectorIndex(2);
        for (var id = 1; id <= videos; id++)
        {
            catalog.AddVideo(id, creatorId: 100 + (id % 3), Requests.T0.AddDays(-1));
            index.Upsert(id, [1f, id]);
        }

        return (new AnnCandidateSource(index, catalog), catalog);
    }

    [Fact]
    public void Collect_ReturnsBestByDotProduct_WithinBudget()
    {
        var (source, _) = Build(30);

        var found = source.Collect(Requests.For(1, vector: [0f, 1f]), budget: 5);

        Assert.Equal([30L, 29L, 28L, 27L, 26L], found.Ids());
        Assert.All(found, c => Assert.Equal(CandidateOrigin.Ann, c.Origin));
        Assert.Equal(30f, found[0].SourceScore);
    }

    [Fact]
    public void Collect_SkipsRecentlyServedAndBlockedCreators_StillFillsBudget()
    {
        var (source, _) = Build(30);
        var request = Requests.For(1, vector: [0f, 1f]) with
        {
            RecentlyServed = new HashSet<long> { 30, 28 },
            BlockedCreators = new HashSet<long> { 100 + (27 % 3) },
        };

        var found = source.Collect(request, budget: 4);

        Assert.Equal(4, found.Count);
        Assert.DoesNotContain(30L, found.Ids());
        Assert.DoesNotContain(28L, found.Ids());
        Assert.All(found, c => Assert.NotEqual(0, c.VideoId % 3)); // 27, 24, ... belong to the blocked creator
    }

    [Fact]
    public void Collect_NoUserVectorOrWrongLengthOrEmptyIndex_GivesNothing()
    {
        var (source, catalog) = Build(10);
        var empty = new AnnCandidateSource(new AnnIndex(2), catalog);

        Assert.Empty(source.Collect(Requests.For(1), budget: 5));
        Assert.Empty(source.Collect(Requests.For(1, vector: [1f, 2f, 3f]), budget: 5));
        Assert.Empty(empty.Collect(Requests.For(1, vector: [1f, 2f]), budget: 5));
        Assert.Empty(source.Collect(Requests.For(1, vector: [1f, 2f]), budget: 0));
    }
}
