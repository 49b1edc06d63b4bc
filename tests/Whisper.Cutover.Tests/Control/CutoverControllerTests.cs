using Microsoft.Extensions.Time.Testing;

using Whisper.Cutover.Cohorts;
using Whisper.Cutover.Control;
using Whisper.Cutover.Gates;
using Whisper.Security.Transparency;

namespace Whisper.Cutover.Tests.Control;

public sealed class CutoverControllerTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly CutoverPlan _plan = CutoverPlanReader.Parse(TestPlans.Json());
    private readonly ScriptedGate _gate = new();
    private readonly FakeTimeProvider _time;

    public CutoverControllerTests()
    {
        _time = new FakeTimeProvider(new CutoverSchedule(_plan).Launch.AddDays(-1));
    }

    private string StatePath => _dir.File("state.json");

    public void Dispose() => _dir.Dispose();

    private CutoverController Controller(int failures = 3, ITransparencyLog? audit = null) =>
        new(_plan, StatePath, [_gate], new CutoverControllerOptions { FailuresToRollback = failures }, _time, audit);

    /// <summary>Runs checks at launch until the three launch steps (staff, creators, 25 %) are applied.</summary>
    private async Task<CutoverController> AtQuarterAsync(int failures = 3, ITransparencyLog? audit = null)
    {
        var c = Controller(failures, audit);
        _time.SetUtcNow(c.Schedule.Launch);
        for (var i = 0; i < 3; i++)
        {
            await c.CheckAsync();
        }

        Assert.Equal(3, c.State.StepsApplied);
        return c;
    }

    [Fact]
    public async Task CheckAsync_BeforeLaunch_TakesNoStep()
    {
        var c = Controller();

        var check = await c.CheckAsync();

        Assert.Equal("none", check.Action);
        Assert.Equal(0, c.State.StepsApplied);
        Assert.Equal(1, _gate.Reads);
    }

    [Fact]
    public async Task CheckAsync_AtLaunchWithPassingGates_TakesOneStepPerCheck()
    {
        var c = Controller();
        _time.SetUtcNow(c.Schedule.Launch);

        var first = await c.CheckAsync();
        var second = await c.CheckAsync();

        Assert.Equal("advance", first.Action);
        Assert.Equal(1, first.State.StepsApplied);
        Assert.Equal(2, second.State.StepsApplied);
        Assert.Equal(["advance", "advance"], c.State.History.Select(h => h.Action));
        Assert.All(c.State.History, h => Assert.Equal(CutoverController.ScheduleActor, h.Actor));
    }

    [Fact]
    public async Task CheckAsync_FailingGateBeforeAStep_HoldsTheStep()
    {
        var c = Controller();
        _time.SetUtcNow(c.Schedule.Launch);
        _gate.Verdict = GateVerdict.Fail;

        for (var i = 0; i < 5; i++)
        {
            await c.CheckAsync();
        }

        Assert.Equal(0, c.State.StepsApplied);
        Assert.Empty(c.State.History);
    }

    [Fact]
    public async Task CheckAsync_GateFailsNMinusOneTimes_DoesNotRollBack()
    {
        var c = await AtQuarterAsync(failures: 3);
        _gate.Verdict = GateVerdict.Fail;

        await c.CheckAsync();
        var second = await c.CheckAsync();

        Assert.Equal("none", second.Action);
        Assert.Equal(3, c.State.StepsApplied);
        Assert.Equal(2, c.State.ConsecutiveFailures);
    }

    [Fact]
    public async Task CheckAsync_GateFailsNTimesInARow_RollsTheLastStepBack()
    {
        var c = await AtQuarterAsync(failures: 3);
        _gate.Verdict = GateVerdict.Fail;

        await c.CheckAsync();
        await c.CheckAsync();
        var third = await c.CheckAsync();

        Assert.Equal("rollback", third.Action);
        Assert.Equal(2, c.State.StepsApplied);
        Assert.Equal(CutoverPhase.RolledBack, c.State.Phase);
        Assert.Equal(0, new CohortAssignment(_plan, c.State.StepsApplied).Buckets);
        var last = c.State.History[^1];
        Assert.Equal(("rollback", 3, 2, CutoverController.GateActor), (last.Action, last.From, last.To, last.Actor));
    }

    [Fact]
    public async Task CheckAsync_APassBetweenFailures_ResetsTheStreak()
    {
        var c = await AtQuarterAsync(failures: 3);

        foreach (var verdict in new[] { GateVerdict.Fail, GateVerdict.Fail, GateVerdict.Pass, GateVerdict.Fail, GateVerdict.Fail })
        {
            _gate.Verdict = verdict;
            await c.CheckAsync();
        }

        Assert.Equal(3, c.State.StepsApplied);
        Assert.Equal(2, c.State.ConsecutiveFailures);
    }

    [Fact]
    public async Task CheckAsync_AfterRollback_HoldsUntilAnOperatorAdvances()
    {
        var c = await AtQuarterAsync(failures: 1);
        _gate.Verdict = GateVerdict.Fail;
        await c.CheckAsync();
        _gate.Verdict = GateVerdict.Pass;
        _time.Advance(TimeSpan.FromDays(40)); // the next step is due too

        await c.CheckAsync();
        Assert.Equal(2, c.State.StepsApplied);

        await c.AdvanceAsync("alice", "fixed the fork");
        Assert.Equal(3, c.State.StepsApplied);
        Assert.Equal(CutoverPhase.Running, c.State.Phase);

        await c.CheckAsync(); // the schedule takes over again: the month-1 step is due
        Assert.Equal(4, c.State.StepsApplied);
    }

    [Fact]
    public async Task CheckAsync_Inconclusive_PausesThenResumesOnPass()
    {
        var c = await AtQuarterAsync();
        _time.Advance(TimeSpan.FromDays(40));
        _gate.Verdict = GateVerdict.Inconclusive;

        var paused = await c.CheckAsync();
        var stillPaused = await c.CheckAsync();

        Assert.Equal("pause", paused.Action);
        Assert.Equal("none", stillPaused.Action);
        Assert.Equal(CutoverPhase.Paused, c.State.Phase);
        Assert.Equal(3, c.State.StepsApplied); // due, but paused
        Assert.Equal(0, c.State.ConsecutiveFailures);

        _gate.Verdict = GateVerdict.Pass;
        var resumed = await c.CheckAsync();

        Assert.Equal("resume+advance", resumed.Action);
        Assert.Equal(4, c.State.StepsApplied);
    }

    [Fact]
    public async Task AdvanceAsync_FailingGate_RefusedUnlessForced()
    {
        var c = Controller();
        _gate.Verdict = GateVerdict.Fail;

        var e = await Assert.ThrowsAsync<CutoverRefusedException>(() => c.AdvanceAsync("alice", "try"));
        Assert.Contains("the gates are fail", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, c.State.StepsApplied);

        await c.AdvanceAsync("alice", "drill", force: true);
        Assert.Equal(1, c.State.StepsApplied);
        Assert.Contains("forced", c.State.History[^1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RollbackAsync_NothingApplied_Refused()
    {
        var c = Controller();

        await Assert.ThrowsAsync<CutoverRefusedException>(() => c.RollbackAsync("alice", "why not"));
    }

    [Fact]
    public async Task AdvanceAsync_AllStepsApplied_Refused()
    {
        var c = Controller();
        for (var i = 0; i < _plan.Steps.Count; i++)
        {
            await c.AdvanceAsync("alice", "go");
        }

        await Assert.ThrowsAsync<CutoverRefusedException>(() => c.AdvanceAsync("alice", "more"));
    }

    [Fact]
    public async Task StateFile_TwoControllersOnTheSameFiles_SeeTheSameState()
    {
        var writer = await AtQuarterAsync();
        var reader = Controller();

        Assert.Equal(writer.State, reader.State with { History = writer.State.History });
        Assert.Equal(writer.State.History, reader.State.History);
        Assert.Equal(3, reader.State.StepsApplied);
        Assert.False(File.Exists(StatePath + ".tmp"));
        Assert.Empty(Directory.GetFiles(_dir.Path, "*.tmp"));
    }

    [Fact]
    public async Task Refresh_StateWrittenByAnotherProcess_RaisesStateChanged()
    {
        var c = Controller();
        var seen = new List<int>();
        c.StateChanged += s => seen.Add(s.StepsApplied);

        var other = Controller();
        await other.AdvanceAsync("cli", "from the CLI");
        c.Refresh();

        Assert.Equal([1], seen);
        Assert.Equal(1, c.State.StepsApplied);
    }

    [Fact]
    public void Load_StateOfAnotherPlan_Refused()
    {
        CutoverStateFile.Save(StatePath, CutoverState.Initial("eu-2027"));

        var e = Assert.Throws<CutoverPlanException>(() => Controller());

        Assert.Contains("belongs to group 'eu-2027'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_CorruptState_Refused()
    {
        File.WriteAllText(StatePath, "{ not json");

        Assert.Throws<CutoverPlanException>(() => Controller());
    }

    [Fact]
    public async Task EveryStepAndRollback_IsWrittenToTheTransparencyLog()
    {
        using var log = TransparencyLog.Open(_dir.File("tlog"), time: _time);
        var c = await AtQuarterAsync(failures: 2, audit: log);
        _gate.Verdict = GateVerdict.Fail;
        await c.CheckAsync();
        await c.CheckAsync();
        _gate.Verdict = GateVerdict.Inconclusive;
        await c.CheckAsync(); // pauses? no: rolled back, and inconclusive only pauses a running cutover

        Assert.Equal(4, log.Size);
        var entries = Enumerable.Range(0, 4).Select(i => log.ReadEntry(i)).ToList();
        Assert.All(entries, e => Assert.Equal(LogEntryKind.CutoverStep, e.Kind));
        Assert.StartsWith("cutover us-2026 (us): advance 0->1 [staff] by schedule", entries[0].Subject, StringComparison.Ordinal);
        Assert.StartsWith("cutover us-2026 (us): rollback 3->2 [everyone 25%] by gate", entries[3].Subject, StringComparison.Ordinal);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(StatePath))), entries[3].Sha256);
    }
}
