namespace Whisper.Parity.Gate;

/// <summary>One threshold of the gate: the measured value, the limit, and whether it held (<see cref="Reason"/> says it in words).</summary>
public sealed record GateCheck(string Name, double Value, double Threshold, bool Passed, string Reason);
