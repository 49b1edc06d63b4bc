namespace Whisper.Parity.Gate;

/// <summary>The gate's verdict: the fork may take traffic, may not, or too little was measured to say.</summary>
public enum GateOutcome : byte
{
    Pass = 1,
    Fail = 2,
    Inconclusive = 3,
}
