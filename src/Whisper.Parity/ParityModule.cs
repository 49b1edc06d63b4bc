namespace Whisper.Parity;

/// <summary>Marker for the parity module (shadow comparison, fidelity measures, loss attribution, cutover gate).</summary>
public static class ParityModule
{
    public const string Name = "Whisper.Parity";
}
