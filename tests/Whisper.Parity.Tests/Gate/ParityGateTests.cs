using Whisper.FeatureStore.Contract;
using Whisper.Parity.Gate;
using Whisper.Parity.Measures;

namespace Whisper.Parity.Tests.Gate;

public sealed class ParityGateTests
{
    private static readonly GateThresholds Defaults = new();

    [Fact]
    public void Evaluate_EveryValueExactlyAtItsThreshold_Passes()
    {
        // Loss (0.2 − 0.198) / 0.2 = 1 %, RBO 0.9, p99 120 = 100 + 20 %, error rate 1 % (2 of 200).
        var verdict = ParityGate.Evaluate(Measured(forkNdcg: 0.198, rbo: 0.9, forkP99: 120, forkErrors: 2), [], Defaults);
        Assert.Equal(GateOutcome.Pass, verdict.Outcome);
        Assert.All(verdict.Checks, c => Assert.True(c.Passed, c.Reason));
    }

    [Theory]
    [InlineData(0.1979, 0.9, 120.0, 0, "ndcg@10 relative loss")]
    [InlineData(0.198, 0.8999, 120.0, 0, "rbo@10")]
    [InlineData(0.198, 0.9, 120.1, 0, "fork p99 ms")]
    [InlineData(0.198, 0.9, 120.0, 3, "fork error rate")]
    public void Evaluate_OneValueJustBeyondItsThreshold_FailsNamingIt(double forkNdcg, double rbo, double forkP99, int forkErrors, string failing)
    {
        var verdict = ParityGate.Evaluate(Measured(forkNdcg, rbo, forkP99, forkErrors), [], Defaults);
        Assert.Equal(GateOutcome.Fail, verdict.Outcome);
        Assert.Equal([failing], verdict.Checks.Where(c => !c.Passed).Select(c => c.Name));
        Assert.Contains(verdict.Reasons, r => r.StartsWith(failing, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(199, 60)]
    [InlineData(200, 49)]
    public void Evaluate_TooFewRequestsOrJudged_IsInconclusive(int requests, int judged)
    {
        var verdict = ParityGate.Evaluate(Measured(0.1, 0.1, 500, 0, requests, judged), [], Defaults);
        Assert.Equal(GateOutcome.Inconclusive, verdict.Outcome);
        Assert.Contains("too little data", verdict.Reasons[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_BlockingContractDifference_FailsEvenWithTooLittleData()
    {
        ContractDifference[] diff = [new(DifferenceSeverity.Blocking, DifferenceKind.TtlDiffers, "video_views_24h", "1.00:00:00", "01:00:00")];
        var verdict = ParityGate.Evaluate(Measured(0.2, 1, 100, 0, requests: 10, judged: 1), diff, Defaults);
        Assert.Equal(GateOutcome.Fail, verdict.Outcome);
        Assert.Contains("1 blocking contract differences", verdict.Reasons[0], StringComparison.Ordinal);
        Assert.Equal(GateOutcome.Pass, ParityGate.Evaluate(Measured(0.2, 1, 100, 0), diff, Defaults with { AllowBlockingContractDifferences = true }).Outcome);
    }

    [Fact]
    public void Evaluate_FullFork_PassesWhenTheRecoveryCurveReachesTheThreshold_IgnoringRbo()
    {
        var full = Defaults with { Mode = GateMode.FullFork };
        RecoveryPoint[] reached = [new(1_000, 0.2, 0.1), new(2_000, 0.2, 0.19), new(3_000, 0.2, 0.199)];
        var verdict = ParityGate.Evaluate(Measured(0.1, 0.05, 100, 0), [], full, reached);
        Assert.Equal(GateOutcome.Pass, verdict.Outcome);
        Assert.Equal(3_000, verdict.RecoveredAtPosition);
        Assert.DoesNotContain(verdict.Checks, c => c.Name == "rbo@10");

        var notYet = ParityGate.Evaluate(Measured(0.2, 1, 100, 0), [], full, reached[..2]);
        Assert.Equal(GateOutcome.Fail, notYet.Outcome);
        Assert.Null(notYet.RecoveredAtPosition);
    }

    [Fact]
    public void Evaluate_BadThresholds_ThrowsListingEveryProblem()
    {
        var bad = Defaults with { MaxRelativeNdcgLoss = -0.1, MinRbo10 = 2, MinRequests = 0 };
        var e = Assert.Throws<ArgumentException>(() => ParityGate.Evaluate(Measured(0.2, 1, 100, 0), [], bad));
        Assert.Contains("maxRelativeNdcgLoss is -0.1", e.Message, StringComparison.Ordinal);
        Assert.Contains("minRbo10 is 2", e.Message, StringComparison.Ordinal);
        Assert.Contains("minRequests is 0", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ReadsEverySettingAndRefusesBadFiles()
    {
        var t = GateThresholds.Parse("""{ "format": "whisper-parity-gate", "mode": "full-fork", "maxRelativeNdcgLoss": 0.02, "minRequests": 300 }""");
        Assert.Equal(GateMode.FullFork, t.Mode);
        Assert.Equal(0.02, t.MaxRelativeNdcgLoss);
        Assert.Equal(300, t.MinRequests);
        Assert.Equal(0.9, t.MinRbo10);

        Assert.Contains("format", Assert.Throws<FormatException>(() => GateThresholds.Parse("{}")).Message, StringComparison.Ordinal);
        Assert.Contains("not JSON", Assert.Throws<FormatException>(() => GateThresholds.Parse("{")).Message, StringComparison.Ordinal);
        var e = Assert.Throws<FormatException>(() => GateThresholds.Parse("""{ "format": "whisper-parity-gate", "maxP99Increase": -1, "speed": 1, "mode": "half" }"""));
        Assert.Contains("maxP99Increase is -1", e.Message, StringComparison.Ordinal);
        Assert.Contains("unknown setting \"speed\"", e.Message, StringComparison.Ordinal);
        Assert.Contains("mode \"half\" is unknown", e.Message, StringComparison.Ordinal);
    }

    /// <summary>Source NDCG@10 0.2, source p99 100 ms; the fork's values as given.</summary>
    private static ParityMeasures Measured(double forkNdcg, double rbo, double forkP99, int forkErrors, int requests = 200, int judged = 50)
    {
        var overall = new CohortMeasures(
            "all", requests, judged, 0.2, forkNdcg, 0.3, 0.3, rbo, rbo,
            new LatencySummary(requests, 0, 50, 100, 60),
            new LatencySummary(requests, forkErrors, 50, forkP99, 60));
        return new ParityMeasures(overall, [overall], ExposureShift.Of([], 0.5, 3));
    }
}
