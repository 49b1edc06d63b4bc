using Whisper.Recommendation.Candidates;

namespace Whisper.Recommendation.Tests.Candidates;

public sealed class CandidateSourceSetTests
{
    /// <summary>Proposes the given ids in order, ignoring the budget (to check the set enforces it).</summary>
    private sealed class ListSource(CandidateOrigin origin, params long[] ids) : ICandidateSource
    {
        public CandidateOrigin Origin { get; } = origin;

        public List<int> Budgets { get; } = [];

        public void Collect(FeedRequest request, int budget, List<Candidate> into)
        {
            Budgets.Add(budget);
            foreach (var id in ids)
            {
                into.Add(new Candidate(id, 1f, Origin));
            }
        }
    }

    private static readonly CandidateSourceSetOptions Options = new()
    {
        Warm = new SourceBudgets(Ann: 3, Following: 2, Trending: 2, Fresh: 1, Live: 0),
        ColdStart = new SourceBudgets(Ann: 0, Following: 1, Trending: 4, Fresh: 2, Live: 0),
        MaxTotal = 100,
        MaxExplorationShare = 0.2,
    };

    [Fact]
    public void Collect_HonoursBudgets_DeduplicatesKeepingFirstOrigin()
    {
        var following = new ListSource(CandidateOrigin.Following, 1, 2, 3);
        var ann = new ListSource(CandidateOrigin.Ann, 2, 4, 5, 6);
        var trending = new ListSource(CandidateOrigin.Trending, 4, 7, 8);
        var fresh = new ListSource(CandidateOrigin.Fresh, 9, 10);
        var live = new ListSource(CandidateOrigin.Live, 11);
        var set = new CandidateSourceSet([following, ann, trending, fresh, live], Options);
        var into = new List<Candidate>();

        var added = set.Collect(Requests.For(1, vector: [1f]), into);

        Assert.Equal([1L, 2L, 4L, 5L, 7L, 9L], into.Ids());
        Assert.Equal(6, added);
        Assert.Equal(CandidateOrigin.Following, into.Single(c => c.VideoId == 2).Origin);
        Assert.Equal(CandidateOrigin.Ann, into.Single(c => c.VideoId == 4).Origin);
        Assert.Equal([2], following.Budgets);
        Assert.Equal([3], ann.Budgets);
        Assert.Empty(live.Budgets); // budget 0: not asked
    }

    [Fact]
    public void Collect_NoUserVector_UsesColdStartBudgets()
    {
        var ann = new ListSource(CandidateOrigin.Ann, 1);
        var trending = new ListSource(CandidateOrigin.Trending, 2, 3, 4, 5, 6);
        var fresh = new ListSource(CandidateOrigin.Fresh, 7, 8, 9);
        var set = new CandidateSourceSet([ann, trending, fresh], Options);
        var into = new List<Candidate>();

        set.Collect(Requests.For(1), into);

        Assert.Equal([2L, 3L, 4L, 5L, 7L, 8L], into.Ids());
        Assert.Empty(ann.Budgets);
    }

    [Fact]
    public void Collect_MaxTotal_StopsAskingSources()
    {
        var ann = new ListSource(CandidateOrigin.Ann, 1, 2, 3);
        var trending = new ListSource(CandidateOrigin.Trending, 4, 5);
        var set = new CandidateSourceSet([ann, trending], Options with { MaxTotal = 4 });
        var into = new List<Candidate>();

        set.Collect(Requests.For(1, vector: [1f]), into);

        Assert.Equal([1L, 2L, 3L, 4L], into.Ids());
        Assert.Equal([1], trending.Budgets);
    }

    [Fact]
    public void Constructor_BadOptions_ListsEveryProblem()
    {
        var bad = new CandidateSourceSetOptions
        {
            Warm = new SourceBudgets(Ann: -1, Following: 0, Trending: 0, Fresh: 50, Live: 20_000),
            ColdStart = new SourceBudgets(Ann: 5, Following: 0, Trending: 0, Fresh: 0, Live: 0),
            MaxTotal = 0,
            MaxExplorationShare = 2,
        };
        var sources = new ICandidateSource[] { new ListSource(CandidateOrigin.Ann), new ListSource(CandidateOrigin.Ann) };

        var e = Assert.Throws<CandidateOptionsException>(() => new CandidateSourceSet(sources, bad));

        Assert.Contains(e.Problems, p => p.StartsWith("Candidates.Warm.Ann", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.StartsWith("Candidates.Warm.Live", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.StartsWith("Candidates.ColdStart.Ann", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.StartsWith("Candidates.MaxTotal", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.StartsWith("Candidates.MaxExplorationShare", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.StartsWith("Sources: two have origin Ann", StringComparison.Ordinal));
        Assert.Equal(6, e.Problems.Count);
        Assert.Contains("Candidates.MaxTotal", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_FreshOverExplorationShare_IsAProblem()
    {
        var options = CandidateSourceSetOptions.Default with { Warm = new SourceBudgets(Ann: 10, Following: 0, Trending: 0, Fresh: 10, Live: 0) };

        Assert.Contains(options.Validate(), p => p.StartsWith("Candidates.Warm.Fresh", StringComparison.Ordinal));
        Assert.Empty(CandidateSourceSetOptions.Default.Validate());
    }
}
