using Microsoft.Extensions.Logging;

namespace Whisper.Cutover.Control;

public sealed partial class CutoverController
{
    [LoggerMessage(EventId = CutoverEventIds.StepApplied, Level = LogLevel.Warning, Message = "Cutover {GroupId}: step {Step}/{Steps} applied ({Moves}) by {Actor}: {Reason}")]
    private partial void LogStepApplied(string groupId, int step, int steps, string moves, string actor, string reason);

    [LoggerMessage(EventId = CutoverEventIds.RolledBack, Level = LogLevel.Error, Message = "Cutover {GroupId}: step {Step} ({Moves}) rolled back by {Actor}: {Reason}")]
    private partial void LogRolledBack(string groupId, int step, string moves, string actor, string reason);

    [LoggerMessage(EventId = CutoverEventIds.Paused, Level = LogLevel.Warning, Message = "Cutover {GroupId}: paused at {StepsApplied} steps, gates inconclusive: {Reason}")]
    private partial void LogPaused(string groupId, int stepsApplied, string reason);

    [LoggerMessage(EventId = CutoverEventIds.Resumed, Level = LogLevel.Information, Message = "Cutover {GroupId}: resumed at {StepsApplied} steps, the gates pass again")]
    private partial void LogResumed(string groupId, int stepsApplied);

    [LoggerMessage(EventId = CutoverEventIds.GateFailed, Level = LogLevel.Warning, Message = "Cutover {GroupId}: gates fail ({Failures} of {Limit} in a row): {Reason}")]
    private partial void LogGateFailed(string groupId, int failures, int limit, string reason);

    [LoggerMessage(EventId = CutoverEventIds.AuditFailed, Level = LogLevel.Error, Message = "Cutover {GroupId}: {Entries} step entries could not be appended to the transparency log ({Problem}); the state changed, re-append them")]
    private partial void LogAuditFailed(string groupId, int entries, string problem);
}
