using Whisper.Parity.Explain;
using Whisper.Parity.Gate;
using Whisper.Parity.Regions;
using Whisper.Recommendation.Candidates;

using Xunit.Abstractions;

namespace Whisper.Parity.Tests.Regions;

public sealed class EngineAblationTests(EngineParityWorld world, ITestOutputHelper output) : IClassFixture<EngineParityWorld>
{
    /// <summary>Enough traffic for the small world; latency is not what these tests are about (one GC pause moves a p99).</summary>
    private static readonly GateThresholds Thresholds = new() { MinRequests = 50, MinJudgedRequests = 20, MaxP99Increase = 100 };

    [Fact]
    public async Task RunAsync_ForkFrozenAtStaleCheckpoint_IsWorseAndAblationNamesEmbeddingsAndRecoversTheLoss()
    {
        await using var source = await EngineRegion.OpenAsync(world.Spec("source", world.SourceModel));
        await using var fork = await EngineRegion.OpenAsync(world.Spec("fork", world.StaleModel) with { FrozenAtCheckpoint = true });
        Assert.Equal(world.StalePosition, fork.State.SnapshotPosition);
        Assert.Equal(world.Head, fork.State.LogHead);

        var report = await RunAsync(source, fork);

        var o = report.Measures.Overall;
        Assert.True(o.RelativeNdcgLoss > 0.05, $"a fork a fifth of the way through the log should lose NDCG@10: {o.SourceNdcg10} vs {o.ForkNdcg10}");
        Assert.True(report.Verdict.Outcome == GateOutcome.Fail, $"{report.Verdict.OutcomeName}: {string.Join(" ", report.Verdict.Reasons)}");
        var embeddings = Assert.Single(report.Explanation.Causes, c => c.Cause == ParityCause.Embeddings);
        Assert.Equal(ParityCause.Embeddings, report.Explanation.Biggest);
        Assert.InRange(embeddings.Recovered!.Value, 0.9, 1.1);
        Assert.Contains("biggest cause: stale_or_missing_embeddings.", report.Verdict.Reasons);
    }

    [Fact]
    public async Task RunAsync_ForkWithSmallerCandidateBudget_NamesTheBudgetAndTheSourcesBudgetRecoversIt()
    {
        var small = new CandidateSourceSetOptions { Warm = new SourceBudgets(Ann: 12, Following: 0, Trending: 4, Fresh: 0, Live: 0) };
        var spec = world.Spec("fork", world.SourceModel);
        await using var source = await EngineRegion.OpenAsync(world.Spec("source", world.SourceModel));
        await using var fork = await EngineRegion.OpenAsync(spec with { Feed = spec.Feed with { Candidates = small } });

        var report = await RunAsync(source, fork);

        Assert.True(report.Measures.Overall.RelativeNdcgLoss > 0, $"16 candidates should lose NDCG@10 against ~330: {report.Measures.Overall.ForkNdcg10}");
        var budget = Assert.Single(report.Explanation.Causes);
        Assert.Equal(ParityCause.CandidateBudget, budget.Cause);
        Assert.Equal(ParityCause.CandidateBudget, report.Explanation.Biggest);
        Assert.InRange(budget.Recovered!.Value, 0.9, 1.1);
    }

    [Fact]
    public async Task RebuildAsync_FeatureTtlAndSessions_AreNotAblatableWithTheReason()
    {
        await using var source = await EngineRegion.OpenAsync(world.Spec("source", world.SourceModel));
        var ablation = new EngineAblation(source, source);

        var ttl = await ablation.RebuildAsync(ParityCause.FeatureTtl);
        var sessions = await ablation.RebuildAsync(ParityCause.SessionState);

        Assert.Null(ttl.Region);
        Assert.Contains("reads no online feature store", ttl.NotAblatable, StringComparison.Ordinal);
        Assert.Null(sessions.Region);
        Assert.Contains("no session tier", sessions.NotAblatable, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RebuildAsync_ModelVersionWithoutSourceCheckpoint_IsNotAblatableAndSaysWhatToGive()
    {
        await using var source = await EngineRegion.OpenAsync(world.Spec("source", null));
        await using var fork = await EngineRegion.OpenAsync(world.Spec("fork", world.StaleModel));

        var rebuild = await new EngineAblation(source, fork).RebuildAsync(ParityCause.ModelVersion);

        Assert.Null(rebuild.Region);
        Assert.Contains("--source-model", rebuild.NotAblatable, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_FrozenWithoutCheckpoint_ServesAnUntrainedModelAtPositionZero()
    {
        await using var region = await EngineRegion.OpenAsync(world.Spec("empty", Path.Combine(Path.GetTempPath(), "whisper-no-such-model")) with { FrozenAtCheckpoint = true });

        Assert.Equal(0, region.State.SnapshotPosition);
        Assert.Equal(world.Head, region.State.SnapshotLag);
    }

    private async Task<ParityReport> RunAsync(EngineRegion source, EngineRegion fork)
    {
        var report = await ParityRun.RunAsync(new ParityRunInput(source, fork, world.Plan)
        {
            SourceState = source.State,
            ForkState = fork.State,
            Ablation = new EngineAblation(source, fork),
            MaxAblationRequests = 100,
            Thresholds = Thresholds,
        });
        var o = report.Measures.Overall;
        output.WriteLine($"{o.Requests} requests ({o.Judged} judged): NDCG@10 {o.SourceNdcg10:0.####} -> {o.ForkNdcg10:0.####}; {report.Seconds:0.#} s");
        foreach (var a in report.Explanation.Causes)
        {
            output.WriteLine($"{a.Cause}: NDCG@10 after {a.Ndcg10After:0.####}, recovered {a.Recovered:0.###}");
        }

        return report;
    }
}
