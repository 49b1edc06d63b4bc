using Whisper.Parity.Gate;
using Whisper.Parity.Report;

namespace Whisper.Cli.Tests;

public sealed class ParityCommandTests
{
    [Fact]
    public async Task Gate_NoResults_ExitsTwoNamingTheFix()
    {
        using var temp = new TempFolder();
        var run = await CliRun.RunAsync("parity", "gate", "--results", temp.File("none"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no parity results there; run 'whisper parity run", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(GateOutcome.Pass, 0)]
    [InlineData(GateOutcome.Fail, 1)]
    [InlineData(GateOutcome.Inconclusive, 1)]
    public async Task Gate_ExitCodeFollowsTheVerdict(GateOutcome outcome, int exit)
    {
        using var temp = new TempFolder();
        var verdict = new GateVerdict(outcome, GateMode.PartialDivestiture, DateTimeOffset.UnixEpoch, 300, 80, [], ["rbo@10 0.5 < 0.9"], null, null);
        await File.WriteAllTextAsync(temp.File(ParityResults.VerdictFile), ParityJson.Verdict(verdict).ToJsonString());

        var run = await CliRun.RunAsync("parity", "gate", "--results", temp.Path);
        Assert.Equal(exit, run.ExitCode);
        Assert.Contains($"parity gate: {verdict.OutcomeName} (partial-divestiture, 300 requests, 80 judged)", run.Out, StringComparison.Ordinal);
        Assert.Contains("rbo@10 0.5 < 0.9", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gate_ForeignVerdictFile_ExitsTwo()
    {
        using var temp = new TempFolder();
        await File.WriteAllTextAsync(temp.File(ParityResults.VerdictFile), """{ "format": "something-else" }""");
        var run = await CliRun.RunAsync("parity", "gate", "--results", temp.Path);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("is not a whisper-parity-verdict document", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_MissingStore_ExitsTwo()
    {
        using var temp = new TempFolder();
        var run = await CliRun.RunAsync("parity", "run", "--data-dir", temp.Path, "--out", temp.File("results"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no such store; run 'whisper demo' first", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--users", "1,x", "is not a list of user ids")]
    [InlineData("--from", "2026-01-01T00:00:00Z", "give both --from and --to")]
    [InlineData("--horizon-hours", "0", "--horizon-hours must be positive")]
    [InlineData("--max-requests", "0", "--max-requests must be at least 1")]
    public async Task Run_BadOptions_ExitTwoWithOneLine(string option, string value, string message)
    {
        using var temp = new TempFolder();
        var run = await CliRun.RunAsync("parity", "run", "--data-dir", temp.Path, option, value);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_BadGateFile_ExitsTwoNamingTheSetting()
    {
        using var temp = new TempFolder();
        await File.WriteAllTextAsync(temp.File("gate.json"), """{ "format": "whisper-parity-gate", "minRbo10": 3 }""");
        var run = await CliRun.RunAsync("parity", "run", "--data-dir", temp.Path, "--gate", temp.File("gate.json"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("minRbo10 is 3", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_ListsTheThreeVerbs()
    {
        var run = await CliRun.RunAsync("parity", "--help");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("run", run.Out, StringComparison.Ordinal);
        Assert.Contains("report", run.Out, StringComparison.Ordinal);
        Assert.Contains("gate", run.Out, StringComparison.Ordinal);
    }
}
