using System.Diagnostics;

namespace Whisper.Cutover.Gates;

/// <summary>
/// The fork's recent proxied responses as the gateway saw them: a ring of the last <see cref="Capacity"/> samples
/// (completion time, latency, error). Recording is a few stores and one interlocked increment — no lock, no
/// allocation — so it sits on the request path; a sample may be torn by a concurrent writer that wraps the ring, which
/// the quantile tolerates (one sample in 8,192). The gates read a window of it.
/// </summary>
public sealed class ForkTrafficMonitor
{
    public const int Capacity = 8192;

    private readonly long[] _atMs = new long[Capacity];
    private readonly float[] _latencyMs = new float[Capacity];
    private readonly bool[] _error = new bool[Capacity];
    private long _next;

    /// <summary>Records one proxied fork response: its latency and whether it failed (a 5xx or no response).</summary>
    public void Record(DateTimeOffset completedAt, TimeSpan latency, bool error)
    {
        var slot = (int)((Interlocked.Increment(ref _next) - 1) & (Capacity - 1));
        _latencyMs[slot] = (float)latency.TotalMilliseconds;
        _error[slot] = error;
        Volatile.Write(ref _atMs[slot], completedAt.ToUnixTimeMilliseconds());
    }

    /// <summary>Responses completed in (<paramref name="now"/> − <paramref name="window"/>, <paramref name="now"/>]: count, errors and p99 latency.</summary>
    public ForkTrafficSummary Summarize(DateTimeOffset now, TimeSpan window)
    {
        var to = now.ToUnixTimeMilliseconds();
        var from = to - (long)window.TotalMilliseconds;
        var latencies = new List<float>(Capacity);
        var errors = 0;
        var recorded = (int)Math.Min(Interlocked.Read(ref _next), Capacity);
        for (var i = 0; i < recorded; i++)
        {
            var at = Volatile.Read(ref _atMs[i]);
            if (at > from && at <= to)
            {
                latencies.Add(_latencyMs[i]);
                errors += _error[i] ? 1 : 0;
            }
        }

        if (latencies.Count == 0)
        {
            return new ForkTrafficSummary(0, 0, 0);
        }

        latencies.Sort();
        var p99 = latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(latencies.Count * 0.99) - 1)];
        Debug.Assert(p99 >= 0);
        return new ForkTrafficSummary(latencies.Count, errors, p99);
    }
}

/// <summary>A window of fork traffic: responses, failed ones, and the 99th percentile latency in ms.</summary>
public readonly record struct ForkTrafficSummary(int Requests, int Errors, double P99Ms)
{
    public double ErrorRate => Requests == 0 ? 0 : (double)Errors / Requests;
}
