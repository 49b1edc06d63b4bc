namespace Whisper.Parity.Shadow;

/// <summary>A region's answer to a shadow request: the ranked items, the latency in ms, and the error when it failed.</summary>
public sealed record RegionAnswer(IReadOnlyList<RankedVideo> Items, double LatencyMs, string? Error)
{
    public bool Ok => Error is null;

    public static RegionAnswer Failed(string error, double latencyMs) => new([], latencyMs, error);
}
