namespace Whisper.Parity.Measures;

/// <summary>Latency (ms) of each side at quantile <paramref name="Q"/> (answered requests, nearest rank).</summary>
public sealed record LatencyQuantile(double Q, double SourceMs, double ForkMs);
