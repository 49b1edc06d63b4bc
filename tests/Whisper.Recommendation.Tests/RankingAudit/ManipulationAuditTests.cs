using Whisper.Recommendation.Candidates;
using Whisper.Recommendation.Catalog;
using Whisper.Recommendation.RankingAudit;
using Whisper.Recommendation.Reranking;
using Whisper.Recommendation.ResponseLog;

namespace Whisper.Recommendation.Tests.RankingAudit;

public sealed class ManipulationAuditTests(AuditWorld world) : IClassFixture<AuditWorld>
{
    [Fact]
    public async Task Audit_CleanBuild_HasNoFinding()
    {
        var report = await world.AuditAsync(world.Clean);

        Assert.True(report.Replayed > 500, $"replayed {report.Replayed}");
        Assert.Equal(world.Approved.Approval.Sha256, report.ModelSha256);
        Assert.Equal(0, report.FromOtherModels);
        Assert.Equal(report.ServedSlots, report.ExpectedSlots, tolerance: report.ServedSlots * 0.05);
        Assert.All(report.Dimensions, d => Assert.True(d.Tested > 0, d.Dimension));
        Assert.Empty(report.Findings);
        Assert.True(report.Passed);
    }

    [Fact]
    public async Task Audit_HiddenCreatorBoost_IsFoundAndNamed()
    {
        var catalog = await CatalogView.LoadAsync(world.Approved.World.Store.Catalog);
        var creator = LeastServed(world.Clean.SelectMany(r => r.Items).Where(i => i.Origin == CandidateOrigin.Ann).Select(i => i.CreatorId), catalog.VideoIds.Select(v => Facts(catalog, v).CreatorId));

        HiddenHandRanker? hand = null;
        var served = await world.ServeAsync(engine => hand = HiddenHandRanker.Boost(engine.Ranker.Current, engine.Catalog, creator));
        var report = await world.AuditAsync(served);

        Assert.True(hand!.Moved > 100, $"the plant moved {hand.Moved} candidates");
        Assert.All(served, r => Assert.Equal("model-score", r.RankerVersion)); // the plant hides behind the approved ranker's name
        var finding = Assert.Single(report.Findings, f => f.Dimension == "creator" && f.Kind == "boost");
        Assert.Equal(creator, finding.Id);
        Assert.True(finding.Served > 2 * finding.Expected);
        Assert.NotEmpty(finding.ExampleRequestIds);
        Assert.DoesNotContain(report.Findings, f => f.Kind == "suppression" && f.Dimension == "creator" && f.Id == creator);
    }

    [Fact]
    public async Task Audit_HiddenTopicSuppression_IsFoundAndNamed()
    {
        var catalog = await CatalogView.LoadAsync(world.Approved.World.Store.Catalog);
        var topic = world.Clean.SelectMany(r => r.Items).Select(i => MainTopic(catalog, i.VideoId)).Where(t => t != 0)
            .GroupBy(t => t).MaxBy(g => g.Count())!.Key;

        var served = await world.ServeAsync(engine => HiddenHandRanker.DropTopic(engine.Ranker.Current, engine.Catalog, topic));
        var report = await world.AuditAsync(served);
        var clean = await world.AuditAsync(world.Clean);

        var finding = Assert.Single(report.Findings, f => f.Dimension == "topic" && f.Kind == "suppression");
        Assert.Equal(topic, finding.Id);
        Assert.Equal(0, finding.Served);
        Assert.True(finding.Expected > 100, $"expected {finding.Expected}");
        Assert.DoesNotContain(clean.Findings, f => f.Dimension == "topic" && f.Id == topic);
        Assert.NotEmpty(finding.ExampleRequestIds);
    }

    [Fact]
    public async Task Audit_DeclaredCreatorCapAndRegionAvailability_HaveNoFinding_UndeclaredTheyDo()
    {
        var catalog = await CatalogView.LoadAsync(world.Approved.World.Store.Catalog);
        var origins = catalog.VideoIds.Select(v => Facts(catalog, v).OriginRegion).Distinct().Order().ToList();
        var region = origins[0];
        // Every request region sees only the first upload region's videos.
        IReadOnlyDictionary<string, IReadOnlyList<string>> available = Whisper.Core.Domain.Regions.All.ToDictionary(r => r, IReadOnlyList<string> (_) => [region]);
        var rules = new ReRankerOptions { MaxPerCreator = 1, AvailableOrigins = available };

        var served = await world.ServeAsync(rules: rules);
        var declared = await world.AuditAsync(served, new DeclaredRules { MaxPerCreator = 1, AvailableOrigins = available });
        var undeclared = await world.AuditAsync(served);

        Assert.True(origins.Count > 1, "the world needs videos from more than one region");
        Assert.Empty(declared.Findings);
        Assert.Contains(undeclared.Findings, f => f.Kind == "suppression");
    }

    [Fact]
    public async Task CreateAsync_BadInputs_SayWhatIsWrong()
    {
        var catalog = await CatalogView.LoadAsync(world.Approved.World.Store.Catalog);
        var events = world.Approved.World.Store.Events;

        var missing = await Assert.ThrowsAsync<InvalidDataException>(() =>
            ManipulationAuditor.CreateAsync(catalog, events, world.Approved.Checkpoint + ".missing", new DeclaredRules(), DateTimeOffset.UnixEpoch));
        var notACheckpoint = Path.GetTempFileName();
        try
        {
            var unreadable = await Assert.ThrowsAsync<InvalidDataException>(() =>
                ManipulationAuditor.CreateAsync(catalog, events, notACheckpoint, new DeclaredRules(), DateTimeOffset.UnixEpoch));
            var badRules = await Assert.ThrowsAsync<InvalidDataException>(() =>
                ManipulationAuditor.CreateAsync(catalog, events, world.Approved.Checkpoint, new DeclaredRules { MaxPerCreator = 0, SeenWindow = -1 }, DateTimeOffset.UnixEpoch));

            Assert.Contains("no checkpoint at", missing.Message, StringComparison.Ordinal);
            Assert.Contains("not a readable checkpoint", unreadable.Message, StringComparison.Ordinal);
            Assert.Contains("MaxPerCreator", badRules.Message, StringComparison.Ordinal);
            Assert.Contains("seenWindow", badRules.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(notACheckpoint);
        }
    }

    [Fact]
    public void LoadRules_FileWithProblems_ListsThemAll()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, """{"format":"whisper-declared-rules","formatVersion":1,"maxPerTopic":0,"availableOrigins":{"MARS":["US"]},"userBlocks":{"abc":[1]}}""");
            var error = Assert.Throws<InvalidDataException>(() => DeclaredRules.Load(path));
            Assert.Contains("MaxPerTopic", error.Message, StringComparison.Ordinal);
            Assert.Contains("MARS", error.Message, StringComparison.Ordinal);
            Assert.Contains("userBlocks key 'abc'", error.Message, StringComparison.Ordinal);
            File.WriteAllText(path, """{"format":"whisper-declared-rules","formatVersion":1,"maxPerCreator":1,"blockedCreators":[5],"userBlocks":{"7":[9]}}""");
            var rules = DeclaredRules.Load(path);
            Assert.Equal(1, rules.ToReRankerOptions().MaxPerCreator);
            Assert.Equal([5L, 9L], rules.BlockedFor(7).Order());
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static VideoFacts Facts(CatalogView catalog, long video) => catalog.TryGetVideo(video, out var facts) ? facts : throw new InvalidOperationException();

    private static long MainTopic(CatalogView catalog, long video) => Facts(catalog, video).TopicKeys is { Length: > 0 } keys ? keys[0] : 0;

    /// <summary>
    /// The least served creator among those with at least five videos and ten slots served from model retrieval: ranked
    /// high enough to reach the ranked head (the planted ranker only sees that), served rarely enough that a boost shows.
    /// </summary>
    private static long LeastServed(IEnumerable<long> servedCreators, IEnumerable<long> videoCreators)
    {
        var served = servedCreators.GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count());
        return videoCreators.GroupBy(c => c).Where(g => g.Count() >= 5 && served.GetValueOrDefault(g.Key) >= 10).Select(g => g.Key).MinBy(c => served[c]);
    }
}
