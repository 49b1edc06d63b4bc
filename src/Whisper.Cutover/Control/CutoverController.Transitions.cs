using System.Security.Cryptography;

using Whisper.Cutover.Gates;
using Whisper.Security.Transparency;

namespace Whisper.Cutover.Control;

public sealed partial class CutoverController
{
    /// <summary>The state change a combined verdict calls for (null: none); <paramref name="action"/> names it.</summary>
    private CutoverState? React(CutoverState s, GateVerdict verdict, string failing, DateTimeOffset now, out string action)
    {
        action = "none";
        switch (verdict)
        {
            case GateVerdict.Fail when s.StepsApplied == 0:
                LogGateFailed(Plan.GroupId, 0, _options.FailuresToRollback, failing);
                return null; // nothing to undo; the first step simply waits for passing gates
            case GateVerdict.Fail:
                var failures = s.ConsecutiveFailures + 1;
                LogGateFailed(Plan.GroupId, failures, _options.FailuresToRollback, failing);
                if (failures < _options.FailuresToRollback)
                {
                    return s with { ConsecutiveFailures = failures };
                }

                action = "rollback";
                return RolledBack(s, now, GateActor, $"{failures} failing checks in a row: {failing}");
            case GateVerdict.Inconclusive when s.Phase == CutoverPhase.Running:
                action = "pause";
                LogPaused(Plan.GroupId, s.StepsApplied, failing);
                return (s with { Phase = CutoverPhase.Paused, PhaseReason = failing })
                    .With(new CutoverHistoryEntry(now, "pause", s.StepsApplied, s.StepsApplied, GateActor, failing));
            case GateVerdict.Pass when s.Phase == CutoverPhase.Paused:
                action = "resume";
                LogResumed(Plan.GroupId, s.StepsApplied);
                return (s with { Phase = CutoverPhase.Running, PhaseReason = null, ConsecutiveFailures = 0 })
                    .With(new CutoverHistoryEntry(now, "resume", s.StepsApplied, s.StepsApplied, GateActor, "the gates pass again"));
            case GateVerdict.Pass when s.ConsecutiveFailures > 0:
                return s with { ConsecutiveFailures = 0 };
            default:
                return null;
        }
    }

    private CutoverState Advanced(CutoverState s, DateTimeOffset now, string actor, string reason)
    {
        var step = Plan.Steps[s.StepsApplied];
        LogStepApplied(Plan.GroupId, step.Number, Plan.Steps.Count, step.Describe(), actor, reason);
        return (s with { StepsApplied = s.StepsApplied + 1, Phase = CutoverPhase.Running, PhaseReason = null, ConsecutiveFailures = 0 })
            .With(new CutoverHistoryEntry(now, "advance", s.StepsApplied, s.StepsApplied + 1, actor, reason));
    }

    /// <summary>
    /// Undoes the last step: new routing decisions use the previous step's cohort, so the users that step moved go back
    /// to the source (their sessions follow through the handoff) while earlier cohorts stay on the fork.
    /// </summary>
    private CutoverState RolledBack(CutoverState s, DateTimeOffset now, string actor, string reason)
    {
        var step = Plan.Steps[s.StepsApplied - 1];
        LogRolledBack(Plan.GroupId, step.Number, step.Describe(), actor, reason);
        return (s with { StepsApplied = s.StepsApplied - 1, Phase = CutoverPhase.RolledBack, PhaseReason = reason, ConsecutiveFailures = 0 })
            .With(new CutoverHistoryEntry(now, "rollback", s.StepsApplied, s.StepsApplied - 1, actor, reason));
    }

    /// <summary>
    /// Writes the history entries this call added to the transparency log, each attesting the SHA-256 of the state
    /// file as written. The state is saved first — a rollback must never wait on the audit trail — so an append that
    /// fails is logged as an error for the operator to re-append, and does not undo the change.
    /// </summary>
    private async Task AuditAsync(CutoverState before, CutoverState after, CancellationToken cancellationToken)
    {
        if (_audit is null || after.History.Count <= before.History.Count)
        {
            return;
        }

        var digest = SHA256.HashData(await File.ReadAllBytesAsync(_statePath, cancellationToken).ConfigureAwait(false));
        var entries = new List<LogEntry>();
        for (var i = before.History.Count; i < after.History.Count; i++)
        {
            entries.Add(new LogEntry(LogEntryKind.CutoverStep, Subject(after.History[i]), digest, after.History[i].At));
        }

        try
        {
            await _audit.AppendBatchAsync(entries, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or ObjectDisposedException)
        {
            LogAuditFailed(Plan.GroupId, entries.Count, e.Message);
        }
    }

    private string Subject(CutoverHistoryEntry e)
    {
        var step = e.To > e.From ? Plan.Steps[e.To - 1] : e.To < e.From ? Plan.Steps[e.From - 1] : null;
        var text = $"cutover {Plan.GroupId} ({Plan.Region}): {e.Action} {e.From}->{e.To}{(step is null ? string.Empty : $" [{step.Describe()}]")} by {e.Actor}: {e.Reason}";
        text = new string([.. text.Select(c => char.IsControl(c) ? ' ' : c)]);
        return text.Length <= 300 ? text : string.Concat(text.AsSpan(0, 299), "…");
    }
}
