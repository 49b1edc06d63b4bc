namespace Whisper.Cutover.Gates;

/// <summary>Thresholds of the gates the gateway measures itself (docs/cutover.md, "Gates and rollback").</summary>
public sealed record TrafficGateOptions
{
    /// <summary>How far back a check looks.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Fewer fork responses than this in the window (once steps are applied) is inconclusive: too little to judge.</summary>
    public int MinRequests { get; init; } = 50;

    /// <summary>Highest share of fork responses that may fail (5xx or no response).</summary>
    public double MaxErrorRate { get; init; } = 0.01;

    /// <summary>Highest p99 latency of fork responses, as the gateway measured them.</summary>
    public TimeSpan MaxP99 { get; init; } = TimeSpan.FromMilliseconds(250);
}
