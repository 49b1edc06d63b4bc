namespace Whisper.Cutover.Control;

/// <summary>
/// The cutover's shared state (docs/cutover.md, "State file"): how many of the plan's steps are applied, the phase,
/// the gate's failure streak and the history. Routing depends on <see cref="StepsApplied"/> alone, so every replica
/// reading the same plan and state routes every user the same way. <see cref="Revision"/> rises with every write.
/// </summary>
public sealed record CutoverState(
    string GroupId,
    int StepsApplied,
    CutoverPhase Phase,
    string? PhaseReason,
    int ConsecutiveFailures,
    long Revision,
    IReadOnlyList<CutoverHistoryEntry> History)
{
    public const int CurrentVersion = 1;

    public static CutoverState Initial(string groupId) => new(groupId, 0, CutoverPhase.Running, null, 0, 0, []);

    /// <summary>This state with <paramref name="entry"/> appended to the history.</summary>
    public CutoverState With(CutoverHistoryEntry entry) => this with { History = [.. History, entry] };
}
