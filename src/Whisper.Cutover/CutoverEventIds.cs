namespace Whisper.Cutover;

/// <summary>Log event ids of the cutover module, allocated here so they stay unique (range 8000–8099).</summary>
internal static class CutoverEventIds
{
    public const int GeoLoaded = 8000;
    public const int GeoRefused = 8001;
    public const int GeoWatchFailed = 8002;
    public const int StepApplied = 8010;
    public const int RolledBack = 8011;
    public const int Paused = 8012;
    public const int Resumed = 8013;
    public const int GateFailed = 8014;
    public const int StateReloaded = 8015;
    public const int AuditFailed = 8016;
    public const int HandoffDone = 8020;
    public const int HandoffFailed = 8021;
    public const int SunsetServed = 8030;
    public const int GateLoopFailed = 8031;
}
