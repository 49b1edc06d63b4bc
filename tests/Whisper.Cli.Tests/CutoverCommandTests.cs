using System.Text.Json;

using Whisper.Cutover.Simulation;
using Whisper.Security.Transparency;

namespace Whisper.Cli.Tests;

public sealed class CutoverCommandTests
{
    [Fact]
    public async Task Plan_ValidFile_PrintsEveryStepAndTheSunset()
    {
        using var temp = new TempFolder();
        var plan = temp.File("plan.json");
        await File.WriteAllTextAsync(plan, CutoverSimulation.DefaultPlanJson);

        var run = await CliRun.RunAsync("cutover", "plan", "--plan", plan);

        Assert.True(run.ExitCode == ExitCodes.Ok, run.Error);
        Assert.Contains("step 1  staff", run.Out, StringComparison.Ordinal);
        Assert.Contains("step 6  everyone 100%", run.Out, StringComparison.Ordinal);
        Assert.Contains("due 2026-02-28 14:00Z", run.Out, StringComparison.Ordinal); // Jan 31 + 1 month, 09:00 EST
        Assert.Contains("sunset            2026-06-30 13:00Z", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_BadFile_ExitsTwoWithEveryProblemOnOneLine()
    {
        using var temp = new TempFolder();
        var plan = temp.File("plan.json");
        await File.WriteAllTextAsync(plan, CutoverSimulation.DefaultPlanJson.Replace("America/New_York", "Mars/Olympus", StringComparison.Ordinal).Replace("\"us-2026\"", "\"bad id!\"", StringComparison.Ordinal));

        var run = await CliRun.RunAsync("cutover", "plan", "--plan", plan);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Single(run.Error.Trim().Split('\n'));
        Assert.Contains("\"time_zone\"", run.Error, StringComparison.Ordinal);
        Assert.Contains("\"group_id\"", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_MissingFile_ExitsTwo()
    {
        var run = await CliRun.RunAsync("cutover", "plan", "--plan", "/nonexistent/plan.json");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("does not exist", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdvanceRollbackStatus_OnFiles_ChangeTheStateAndLogEachStep()
    {
        using var temp = new TempFolder();
        var plan = temp.File("plan.json");
        var state = temp.File("state.json");
        var log = temp.File("tlog");
        await File.WriteAllTextAsync(plan, CutoverSimulation.DefaultPlanJson);

        var first = await CliRun.RunAsync("cutover", "advance", "--plan", plan, "--state", state, "--reason", "launch", "--log", log);
        var second = await CliRun.RunAsync("cutover", "advance", "--plan", plan, "--state", state, "--reason", "creators", "--log", log);
        var back = await CliRun.RunAsync("cutover", "rollback", "--plan", plan, "--state", state, "--reason", "drill", "--log", log);
        var status = await CliRun.RunAsync("cutover", "status", "--plan", plan, "--state", state, "--at", "2026-03-01T00:00Z");

        Assert.True(first.ExitCode == ExitCodes.Ok, first.Error);
        Assert.Contains("step 1/6 applied: staff", first.Out, StringComparison.Ordinal);
        Assert.True(second.ExitCode == ExitCodes.Ok, second.Error);
        Assert.True(back.ExitCode == ExitCodes.Ok, back.Error);
        Assert.Contains("step 2 (creators) rolled back", back.Out, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(status.Out);
        Assert.Equal(1, doc.RootElement.GetProperty("steps_applied").GetInt32());
        Assert.Equal(4, doc.RootElement.GetProperty("steps_due").GetInt32());
        Assert.Equal("rolled_back", doc.RootElement.GetProperty("phase").GetString());
        Assert.Equal(3, doc.RootElement.GetProperty("history").GetArrayLength());
        using var opened = TransparencyLog.Open(log);
        Assert.Equal(3, opened.Size);
        Assert.Equal(LogEntryKind.CutoverStep, opened.ReadEntry(2).Kind);
        Assert.Contains("rollback 2->1", opened.ReadEntry(2).Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rollback_NothingApplied_ExitsOne()
    {
        using var temp = new TempFolder();
        var plan = temp.File("plan.json");
        await File.WriteAllTextAsync(plan, CutoverSimulation.DefaultPlanJson);

        var run = await CliRun.RunAsync("cutover", "rollback", "--plan", plan, "--state", temp.File("state.json"), "--reason", "oops");

        Assert.Equal(ExitCodes.Failed, run.ExitCode);
        Assert.Contains("nothing to roll back", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_BadInstant_ExitsTwo()
    {
        using var temp = new TempFolder();
        var plan = temp.File("plan.json");
        await File.WriteAllTextAsync(plan, CutoverSimulation.DefaultPlanJson);

        var run = await CliRun.RunAsync("cutover", "status", "--plan", plan, "--at", "next tuesday");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
    }

    [Fact]
    public async Task Simulate_Default_RollsBackOnceRecoversAndReachesSunset()
    {
        var run = await CliRun.RunAsync("cutover", "simulate", "--json");

        Assert.True(run.ExitCode == ExitCodes.Ok, run.Error);
        using var doc = JsonDocument.Parse(run.Out);
        var actions = doc.RootElement.EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Equal(1, actions.Count(a => a == "rollback"));
        Assert.Equal(1, actions.Count(a => a == "recover"));
        Assert.Equal(2, actions.Count(a => a == "gate-fail"));
        Assert.Equal("sunset", actions[^1]);
        Assert.Equal(6, actions.Count(a => a == "advance"));
        var last = doc.RootElement.EnumerateArray().Last();
        Assert.Equal(6, last.GetProperty("steps_applied").GetInt32());
        Assert.Equal(1.0, last.GetProperty("share_on_fork").GetDouble());
    }

    [Fact]
    public async Task Simulate_Text_PrintsATimeline()
    {
        var run = await CliRun.RunAsync("cutover", "simulate");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Contains("rollback", run.Out, StringComparison.Ordinal);
        Assert.Contains("2026-01-31 09:00  advance", run.Out, StringComparison.Ordinal);
    }
}
