namespace Whisper.Security.AuditTrail;

/// <summary>How an <see cref="AuditTrailFile"/> anchors and stamps.</summary>
public sealed record AuditTrailOptions
{
    /// <summary>Records between two automatic anchors: the most history a file rewrite can change undetected by the log.</summary>
    public int AnchorEvery { get; init; } = 100;

    /// <summary>The clock for the header's creation time and the anchors' timestamps.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    public void Validate() => ArgumentOutOfRangeException.ThrowIfLessThan(AnchorEvery, 1);
}
