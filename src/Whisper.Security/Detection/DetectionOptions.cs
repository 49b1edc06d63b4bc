namespace Whisper.Security.Detection;

/// <summary>Thresholds of the detector; the defaults are what the synthetic evaluation measured (docs/security/intrusion-detection.md).</summary>
public sealed record DetectionOptions
{
    /// <summary>Hours of an identity's history before its volume and working-hours baselines are trusted.</summary>
    public int WarmupHours { get; init; } = 72;

    /// <summary>An hour's rows alert when above mean + <see cref="VolumeSigmas"/> × deviation of the identity's past hours…</summary>
    public double VolumeSigmas { get; init; } = 6;

    /// <summary>…and above <see cref="VolumeFactor"/> × its largest past hour (a spike, not a busy day).</summary>
    public double VolumeFactor { get; init; } = 3;

    /// <summary>Rows in one request that count as a bulk read for the off-hours rule.</summary>
    public long BulkRows { get; init; } = 50_000;

    /// <summary>Actions that are bulk exports whatever their size.</summary>
    public IReadOnlySet<string> BulkActions { get; init; } = new HashSet<string>(StringComparer.Ordinal) { "fork.export", "GET /v1/events" };

    /// <summary>An hour of day is "working" for an identity once this share of its activity fell in it.</summary>
    public double WorkingHourShare { get; init; } = 0.01;

    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(WarmupHours);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(VolumeSigmas, 0);
        ArgumentOutOfRangeException.ThrowIfLessThan(VolumeFactor, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(BulkRows, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(WorkingHourShare);
    }
}
