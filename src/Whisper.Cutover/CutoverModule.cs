namespace Whisper.Cutover;

/// <summary>Marker for the cutover module (gateway, geo-IP, cohorts, gated steps, rollback, sunset).</summary>
public static class CutoverModule
{
    public const string Name = "Whisper.Cutover";
}
