namespace Whisper.Parity.Measures;

/// <summary>One side's latency (ms, answered requests only; nearest-rank percentiles) and error rate (failed / all).</summary>
public sealed record LatencySummary(int Requests, int Errors, double P50Ms, double P99Ms, double MeanMs)
{
    public double ErrorRate => Requests == 0 ? 0 : (double)Errors / Requests;

    public static LatencySummary Of(IReadOnlyList<double> answeredMs, int errors)
    {
        ArgumentNullException.ThrowIfNull(answeredMs);
        var sorted = answeredMs.Order().ToArray();
        return new LatencySummary(sorted.Length + errors, errors, Percentile(sorted, 0.50), Percentile(sorted, 0.99), sorted.Length == 0 ? 0 : sorted.Average());
    }

    /// <summary>Nearest rank: the ⌈q·n⌉-th smallest value; 0 for no values.</summary>
    public static double Percentile(double[] sorted, double q)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        return sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}
