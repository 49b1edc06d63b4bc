namespace Whisper.Server.AuditTrail;

/// <summary>Where the server keeps its privileged-action audit trail and how often it anchors it in the transparency log.</summary>
public sealed record AuditTrailSettings
{
    /// <summary>The trail file (JSON lines; created 0600 with its header anchored on first start).</summary>
    public string Path { get; init; } = "";

    /// <summary>Records between automatic anchors; the head is also anchored on start and on stop.</summary>
    public int AnchorEvery { get; init; } = 100;
}
