namespace Whisper.Parity.Gate;

/// <summary>
/// How the fork was made. Partial divestiture carries the source's model, so its lists must match the source's (RBO);
/// a full fork retrains from scratch, so only relevance counts, tracked as a recovery curve while retraining proceeds.
/// </summary>
public enum GateMode : byte
{
    PartialDivestiture = 1,
    FullFork = 2,
}
