using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

using Whisper.Cutover.Cohorts;
using Whisper.Cutover.Gates;
using Whisper.Security.Transparency;

namespace Whisper.Cutover.Control;

/// <summary>
/// Drives one plan's state: on each <see cref="CheckAsync"/> it reads every gate, counts a failure streak, rolls the
/// last step back after N failing checks in a row, pauses on an inconclusive verdict, and takes the next due step only
/// when the gates pass (docs/cutover.md, "Gates and rollback"). Operators advance and roll back through the same
/// object. Every advance, rollback, pause and resume goes to the gateway log and, when a log is given, to the
/// transparency log as a <see cref="LogEntryKind.CutoverStep"/> entry. Run one controller per plan; gateway replicas
/// only read the state file it writes.
/// </summary>
public sealed partial class CutoverController : IDisposable
{
    public const string ScheduleActor = "schedule";
    public const string GateActor = "gate";

    private readonly string _statePath;
    private readonly IReadOnlyList<ICutoverGate> _gates;
    private readonly CutoverControllerOptions _options;
    private readonly TimeProvider _time;
    private readonly ITransparencyLog? _audit;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public CutoverController(
        CutoverPlan plan,
        string statePath,
        IReadOnlyList<ICutoverGate> gates,
        CutoverControllerOptions? options = null,
        TimeProvider? time = null,
        ITransparencyLog? audit = null,
        ILogger<CutoverController>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        Schedule = new CutoverSchedule(plan);
        _statePath = statePath;
        _gates = gates;
        _options = options ?? new CutoverControllerOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.FailuresToRollback, 1, nameof(options));
        _time = time ?? TimeProvider.System;
        _audit = audit;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        State = CutoverStateFile.Load(statePath, plan);
    }

    /// <summary>Raised after every write of the state, with the new state.</summary>
    public event Action<CutoverState>? StateChanged;

    public CutoverPlan Plan => Schedule.Plan;

    public CutoverSchedule Schedule { get; }

    public CutoverState State { get; private set; }

    public CutoverControllerOptions Options => _options;

    /// <summary>The last check's readings (empty before the first check).</summary>
    public IReadOnlyList<GateReading> LastReadings { get; private set; } = [];

    /// <summary>One controller cycle: read the gates, react to the verdict, take the next due step when allowed.</summary>
    public async Task<CutoverCheck> CheckAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = _time.GetUtcNow();
            var before = CutoverStateFile.Load(_statePath, Plan);
            var readings = await ReadGatesAsync(now, before.StepsApplied, cancellationToken).ConfigureAwait(false);
            var verdict = GateReading.Combine(readings);
            LastReadings = readings;
            var failing = string.Join("; ", readings.Where(r => r.Verdict != GateVerdict.Pass).Select(r => $"{r.Gate}: {r.Detail}"));
            var action = "none";
            var state = Commit(s => React(s, verdict, failing, now, out action));
            if (state.Phase == CutoverPhase.Running && verdict == GateVerdict.Pass && Schedule.DueCount(now) > state.StepsApplied)
            {
                state = Commit(s => s.StepsApplied < Schedule.DueCount(now) && s.Phase == CutoverPhase.Running ? Advanced(s, now, ScheduleActor, "due and the gates pass") : null);
                action = action == "none" ? "advance" : $"{action}+advance";
            }

            await AuditAsync(before, state, cancellationToken).ConfigureAwait(false);
            return new CutoverCheck(now, readings, verdict, action, state);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// An operator takes the next step now (due or not) and lifts a pause or a rollback hold. The gates are read first
    /// and a failing or inconclusive verdict refuses the step unless <paramref name="force"/>.
    /// </summary>
    /// <exception cref="CutoverRefusedException">No step is left, or the gates do not pass and the step was not forced.</exception>
    public async Task<CutoverState> AdvanceAsync(string actor, string reason, bool force = false, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = _time.GetUtcNow();
            var before = CutoverStateFile.Load(_statePath, Plan);
            if (before.StepsApplied >= Plan.Steps.Count)
            {
                throw new CutoverRefusedException($"all {Plan.Steps.Count} steps are applied; nothing to advance.");
            }

            var readings = await ReadGatesAsync(now, before.StepsApplied, cancellationToken).ConfigureAwait(false);
            LastReadings = readings;
            var verdict = GateReading.Combine(readings);
            if (verdict != GateVerdict.Pass && !force)
            {
                var why = string.Join("; ", readings.Where(r => r.Verdict != GateVerdict.Pass).Select(r => $"{r.Gate}: {r.Detail}"));
                throw new CutoverRefusedException($"the gates are {verdict.ToString().ToLowerInvariant()} ({why}); fix the fork, or force the step.");
            }

            var state = Commit(s => s.StepsApplied < Plan.Steps.Count ? Advanced(s, now, actor, force && verdict != GateVerdict.Pass ? $"{reason} (forced past {verdict.ToString().ToLowerInvariant()} gates)" : reason) : null);
            await AuditAsync(before, state, cancellationToken).ConfigureAwait(false);
            return state;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>An operator undoes the last applied step and holds the schedule until the next advance.</summary>
    /// <exception cref="CutoverRefusedException">No step is applied.</exception>
    public async Task<CutoverState> RollbackAsync(string actor, string reason, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = _time.GetUtcNow();
            var before = CutoverStateFile.Load(_statePath, Plan);
            if (before.StepsApplied == 0)
            {
                throw new CutoverRefusedException("no step is applied; nothing to roll back.");
            }

            var state = Commit(s => s.StepsApplied > 0 ? RolledBack(s, now, actor, reason) : null);
            await AuditAsync(before, state, cancellationToken).ConfigureAwait(false);
            return state;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Re-reads the state file (written by another process, e.g. the CLI) and raises <see cref="StateChanged"/> when it moved on.</summary>
    public CutoverState Refresh()
    {
        var fresh = CutoverStateFile.Load(_statePath, Plan);
        if (fresh.Revision != State.Revision)
        {
            State = fresh;
            StateChanged?.Invoke(fresh);
        }

        return State;
    }

    private async Task<List<GateReading>> ReadGatesAsync(DateTimeOffset now, int stepsApplied, CancellationToken cancellationToken)
    {
        var readings = new List<GateReading>(_gates.Count);
        foreach (var gate in _gates)
        {
            readings.Add(await gate.CheckAsync(new GateContext(now, stepsApplied), cancellationToken).ConfigureAwait(false));
        }

        return readings;
    }

    public void Dispose() => _gate.Dispose();

    private CutoverState Commit(Func<CutoverState, CutoverState?> change)
    {
        var state = CutoverStateFile.Update(_statePath, Plan, change);
        if (state.Revision != State.Revision)
        {
            State = state;
            StateChanged?.Invoke(state);
        }

        return state;
    }
}
