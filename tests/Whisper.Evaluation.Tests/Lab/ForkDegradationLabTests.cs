using Whisper.Evaluation.Data;
using Whisper.Evaluation.Lab;
using Whisper.FeatureStore.Contract;
using Whisper.World.Generation;

namespace Whisper.Evaluation.Tests.Lab;

public sealed class ForkDegradationLabTests
{
    private static readonly Lazy<Task<ForkLabReport>> Report = new(() => ForkDegradationLab.RunAsync(TinyWorld(), new ForkLabOptions()));

    [Fact]
    public async Task Ttl_mismatch_alone_costs_the_fork_ndcg_and_the_diff_names_it_blocking()
    {
        var report = await Report.Value;
        var source = report["source"];
        var ttl = report["ttl-mismatch"];
        Assert.True(source.Ndcg10 > 0, "the source must rank something relevant");
        Assert.True(ttl.Ndcg10 < source.Ndcg10 * 0.9, $"TTL mismatch: {ttl.Ndcg10} vs source {source.Ndcg10}");
        Assert.True(FeatureContractDiff.HasBlocking(report.ContractDiffBefore));
        Assert.Contains(report.ContractDiffBefore, d => d.Kind == DifferenceKind.TtlDiffers && d.Severity == DifferenceSeverity.Blocking && d.Subject == LabContract.VideoEmbeddingRow);
        Assert.Contains(report.ContractDiffBefore, d => d.Kind == DifferenceKind.TtlDiffers && d.Subject == "video_views_24h");
    }

    [Fact]
    public async Task The_identical_fork_and_the_fixed_fork_lose_nothing()
    {
        var report = await Report.Value;
        Assert.InRange(report["fork-identical"].NdcgLossPercent, -1e-9, 1e-9);
        Assert.InRange(report["fixed"].NdcgLossPercent, -0.5, 0.5);
        Assert.InRange(report["fixed"].Recall50LossPercent, -0.5, 0.5);
        Assert.False(FeatureContractDiff.HasBlocking(report.ContractDiffAfter));
        Assert.True(report["all-causes"].NdcgLossPercent > report["fixed"].NdcgLossPercent + 5);
        Assert.Equal(report.InFlightUsers, report.SessionsTransferred);
    }

    [Fact]
    public void The_fork_contract_differs_only_in_ttl()
    {
        var options = new ForkLabOptions();
        var time = TimeProvider.System;
        var diff = FeatureContractDiff.Compare(
            FeatureContract.FromRegistry("a", LabContract.For(options, fork: false), time),
            FeatureContract.FromRegistry("b", LabContract.For(options, fork: true), time));
        Assert.NotEmpty(diff);
        Assert.All(diff.Where(d => d.Kind != DifferenceKind.RegionDiffers), d => Assert.Equal(DifferenceKind.TtlDiffers, d.Kind));
    }

    private static EvaluationDataset TinyWorld() =>
        WorldDatasets.Build(new WorldOptions { Users = 1_500, Videos = 2_000, Days = 10, Seed = 42 });
}
