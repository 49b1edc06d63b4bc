namespace Whisper.Cutover.Gates;

/// <summary>What a gate check knows: the time and how many steps are applied (0: the fork carries no cutover traffic yet).</summary>
public readonly record struct GateContext(DateTimeOffset Now, int StepsApplied);
