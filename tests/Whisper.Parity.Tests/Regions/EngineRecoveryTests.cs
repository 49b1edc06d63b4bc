using Whisper.Parity.Gate;
using Whisper.Parity.Measures;
using Whisper.Parity.Regions;
using Whisper.Parity.Report;
using Whisper.Parity.Shadow;

using Xunit.Abstractions;

namespace Whisper.Parity.Tests.Regions;

public sealed class EngineRecoveryTests(EngineParityWorld world, ITestOutputHelper output) : IClassFixture<EngineParityWorld>
{
    private static readonly GateThresholds FullFork = new() { Mode = GateMode.FullFork, MinRequests = 50, MinJudgedRequests = 20, MaxP99Increase = 100 };

    [Fact]
    public async Task MeasureAsync_RetrainInSlices_ApproachesTheSourceAndTheFullForkGateFollowsTheCurve()
    {
        await using var source = await EngineRegion.OpenAsync(world.Spec("source", world.SourceModel));
        var fork = world.Spec("fork", null);

        var points = await EngineRecovery.MeasureAsync(source, fork, world.Plan, slices: 3);

        output.WriteLine(string.Join(Environment.NewLine, points));
        Assert.Equal(3, points.Count);
        Assert.True(points[0].TrainedEvents < points[1].TrainedEvents && points[1].TrainedEvents < points[2].TrainedEvents, string.Join(", ", points));
        Assert.Equal(world.Head, points[^1].TrainedEvents);
        Assert.True(points[0].RelativeLoss > FullFork.MaxRelativeNdcgLoss, $"a third of the log should not be enough: {points[0]}");
        Assert.True(points[^1].RelativeLoss < points[0].RelativeLoss, string.Join(", ", points));
        // The whole log, one pass, same seed and batches as the source's own run: the source's model again.
        Assert.InRange(points[^1].RelativeLoss, -1e-9, FullFork.MaxRelativeNdcgLoss);

        var records = await new ShadowRunner(source, source).RunAsync(world.Plan);
        var early = ParityGate.Evaluate(ParityMeasures.Of(records), [], FullFork, points.Take(1).ToArray());
        Assert.Equal(GateOutcome.Fail, early.Outcome);
        Assert.Null(early.RecoveredAtPosition);

        var report = await ParityRun.RunAsync(new ParityRunInput(source, source, world.Plan) { Recovery = points, Thresholds = FullFork });
        Assert.Equal(GateOutcome.Pass, report.Verdict.Outcome);
        Assert.Equal(points.First(p => p.RelativeLoss <= FullFork.MaxRelativeNdcgLoss).TrainedEvents, report.Verdict.RecoveredAtPosition);
        var results = Directory.CreateTempSubdirectory("whisper-parity-recovery-");
        try
        {
            await ParityResults.WriteAsync(results.FullName, report);
            var html = await File.ReadAllTextAsync(Path.Combine(results.FullName, ParityResults.HtmlFile));
            Assert.Contains("Recovery: NDCG@10 vs events retrained", html, StringComparison.Ordinal);
            Assert.DoesNotContain("no recovery curve", html, StringComparison.Ordinal);
        }
        finally
        {
            results.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(EngineRecovery.MaxSlices + 1)]
    public async Task MeasureAsync_SlicesOutOfRange_IsRefusedWithTheRange(int slices)
    {
        await using var source = await EngineRegion.OpenAsync(world.Spec("source", world.SourceModel));

        var e = await Assert.ThrowsAsync<ArgumentException>(() => EngineRecovery.MeasureAsync(source, world.Spec("fork", null), world.Plan, slices));

        Assert.Contains($"1..{EngineRecovery.MaxSlices}", e.Message, StringComparison.Ordinal);
    }
}
