namespace Whisper.Parity.Explain;

/// <summary>A cause that differs between the regions, with the evidence read from their state (one sentence).</summary>
public sealed record DetectedCause(ParityCause Cause, string Evidence);
