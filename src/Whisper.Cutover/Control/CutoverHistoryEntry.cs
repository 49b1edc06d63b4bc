namespace Whisper.Cutover.Control;

/// <summary>
/// One change of the state: <see cref="Action"/> is advance, rollback, pause or resume; the step counts before and
/// after; who did it (<c>schedule</c>, <c>gate</c>, or the operator's name) and why.
/// </summary>
public sealed record CutoverHistoryEntry(DateTimeOffset At, string Action, int From, int To, string Actor, string Reason);
