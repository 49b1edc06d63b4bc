using Whisper.Cutover.Gates;

namespace Whisper.Cutover.Control;

/// <summary>What one controller check saw and did: the gate readings, their combined verdict, the action taken (none, advance, rollback, pause, resume) and the state after it.</summary>
public sealed record CutoverCheck(DateTimeOffset At, IReadOnlyList<GateReading> Readings, GateVerdict Verdict, string Action, CutoverState State);
