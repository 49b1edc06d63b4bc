using Whisper.Evaluation.Lab;
using Whisper.Parity.Explain;
using Whisper.Parity.Gate;
using Whisper.Parity.Report;
using Whisper.Parity.Shadow;

namespace Whisper.Parity.Tests.Scenarios;

public sealed class ParityScenarioTests
{
    [Fact]
    public async Task RunAsync_IdenticalFork_PassesWithIdenticalLists()
    {
        var w = await ParityWorld.GetAsync();
        var report = await w.CompareAsync(w.Copy());

        Assert.Equal(GateOutcome.Pass, report.Verdict.Outcome);
        Assert.True(report.Measures.Overall.Judged >= 50, $"only {report.Measures.Overall.Judged} judged requests");
        Assert.True(report.Measures.Overall.SourceNdcg10 > 0, "the source must rank something relevant");
        Assert.Equal(1.0, report.Measures.Overall.Rbo10, 12);
        Assert.Equal(0.0, report.Measures.Overall.RelativeNdcgLoss, 12);
        Assert.Empty(report.Causes);
        Assert.Empty(report.Measures.Exposure.Hurt);
        Assert.Equal(0.0, report.Measures.Exposure.KlDivergence, 12);
        Assert.Null(report.Explanation.Biggest);
    }

    [Fact]
    public async Task RunAsync_TtlMismatch_FailsAndNamesIt()
    {
        var w = await ParityWorld.GetAsync();
        var report = await w.CompareAsync(TtlMismatch(w));

        Assert.Equal(GateOutcome.Fail, report.Verdict.Outcome);
        Assert.Equal([ParityCause.FeatureTtl], report.Causes.Select(c => c.Cause));
        Assert.Equal(ParityCause.FeatureTtl, report.Explanation.Biggest);
        Assert.Equal(ParityCause.FeatureTtl, report.Verdict.BiggestCause);
        Assert.Contains(report.Verdict.Reasons, r => r.Contains("feature_ttl_mismatch", StringComparison.Ordinal));
        // Rebuilt from the source's contract the fork ranks exactly like the source: the whole loss is recovered.
        Assert.Equal(1.0, report.Explanation.Causes[0].Recovered!.Value, 9);
    }

    [Fact]
    public async Task RunAsync_StaleEmbeddings_FailsAndNamesThem()
    {
        var w = await ParityWorld.GetAsync();
        var stale = await w.World.TrainAsync(w.World.TrainingBefore(w.World.Now - (long)TimeSpan.FromDays(3).TotalMilliseconds));
        var report = await w.CompareAsync(w.Copy() with { Snapshot = stale });

        Assert.Equal(GateOutcome.Fail, report.Verdict.Outcome);
        Assert.Equal([ParityCause.Embeddings], report.Causes.Select(c => c.Cause));
        Assert.Equal(ParityCause.Embeddings, report.Explanation.Biggest);
        Assert.Equal(1.0, report.Explanation.Causes[0].Recovered!.Value, 9);
        Assert.Contains("h behind", report.Causes[0].Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_TwoCauses_NamesTheOneThatRecoversMore()
    {
        var w = await ParityWorld.GetAsync();
        var report = await w.CompareAsync(TtlMismatch(w) with { Budget = 100 });

        Assert.Equal([ParityCause.FeatureTtl, ParityCause.CandidateBudget], report.Causes.Select(c => c.Cause));
        var ttl = report.Explanation.Causes.Single(c => c.Cause == ParityCause.FeatureTtl).Recovered!.Value;
        var budget = report.Explanation.Causes.Single(c => c.Cause == ParityCause.CandidateBudget).Recovered!.Value;
        Assert.True(ttl > budget, $"ttl recovers {ttl}, budget {budget}");
        Assert.Equal(ParityCause.FeatureTtl, report.Explanation.Biggest);
    }

    [Fact]
    public async Task RunAsync_TtlMismatch_ListsTheCreatorsItHurtsWithTheirNumbers()
    {
        var w = await ParityWorld.GetAsync();
        var records = new List<ShadowRecord>();
        var report = await w.CompareAsync(TtlMismatch(w), r => records.Add(r));

        var hurt = report.Measures.Exposure.Hurt;
        Assert.NotEmpty(hurt);
        Assert.All(hurt, c => Assert.True(c.ReachChange < -0.5 && c.SourceReach >= 3, $"creator {c.CreatorId}: {c.SourceReach} → {c.ForkReach}"));
        Assert.True(report.Measures.Exposure.KlDivergence > 0);

        // The listed numbers are the distinct users who saw the creator in each side's top 10.
        var first = hurt[0];
        Assert.Equal(first.SourceReach, Reach(records, first.CreatorId, r => r.Source));
        Assert.Equal(first.ForkReach, Reach(records, first.CreatorId, r => r.Fork));
    }

    [Fact]
    public async Task WriteAsync_WritesASelfContainedReportAndAVerdictThatReadsBack()
    {
        var w = await ParityWorld.GetAsync();
        var report = await w.CompareAsync(TtlMismatch(w));
        var folder = Directory.CreateTempSubdirectory("whisper-parity-").FullName;
        try
        {
            await ParityResults.WriteAsync(folder, report);
            var verdict = await ParityResults.ReadVerdictAsync(folder);
            Assert.Equal("fail", (string?)verdict["outcome"]);
            Assert.Equal("feature_ttl_mismatch", (string?)verdict["biggestCause"]);
            var json = await ParityResults.ReadReportAsync(folder);
            Assert.Equal(report.Measures.Exposure.Hurt.Count, json["exposure"]!["hurt"]!.AsArray().Count);

            var html = await File.ReadAllTextAsync(Path.Combine(folder, ParityResults.HtmlFile));
            Assert.Equal(3, html.Split("<svg", StringSplitOptions.None).Length - 1);
            Assert.Contains("feature_ttl_mismatch", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("http://", html, StringComparison.Ordinal);
            Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static LabRegion TtlMismatch(ParityWorld w)
    {
        var registry = LabContract.Shortened(TimeSpan.FromHours(1), TimeSpan.FromDays(1));
        return w.Copy() with { Registry = registry, Store = w.World.Materialize(registry) };
    }

    private static int Reach(List<ShadowRecord> records, long creator, Func<ShadowRecord, RegionAnswer> side) =>
        records.Where(r => side(r).Items.Take(10).Any(i => i.CreatorId == creator)).Select(r => r.Request.UserId).Distinct().Count();
}
