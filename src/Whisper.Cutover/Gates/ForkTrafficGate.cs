namespace Whisper.Cutover.Gates;

/// <summary>
/// The error-rate and p99 gates over <see cref="ForkTrafficMonitor"/>. Before the first step the fork carries no
/// cutover traffic, so there is nothing to judge and the gate passes ("no traffic yet"); after it, too few responses in
/// the window are inconclusive.
/// </summary>
public sealed class ForkTrafficGate(ForkTrafficMonitor monitor, TrafficGateOptions options, ForkTrafficGate.Measure measure) : ICutoverGate
{
    public enum Measure
    {
        ErrorRate,
        P99Latency,
    }

    public string Name => measure == Measure.ErrorRate ? "error-rate" : "p99-latency";

    public ValueTask<GateReading> CheckAsync(GateContext context, CancellationToken cancellationToken)
    {
        var s = monitor.Summarize(context.Now, options.Window);
        GateReading reading;
        if (context.StepsApplied == 0 && s.Requests < options.MinRequests)
        {
            reading = new GateReading(Name, GateVerdict.Pass, "no cutover traffic yet");
        }
        else if (s.Requests < options.MinRequests)
        {
            reading = new GateReading(Name, GateVerdict.Inconclusive, $"{s.Requests} fork responses in {options.Window.TotalMinutes:0.#} min, need {options.MinRequests}");
        }
        else if (measure == Measure.ErrorRate)
        {
            var ok = s.ErrorRate <= options.MaxErrorRate;
            reading = new GateReading(Name, ok ? GateVerdict.Pass : GateVerdict.Fail, $"{s.ErrorRate:P2} of {s.Requests} {(ok ? "≤" : ">")} {options.MaxErrorRate:P2}");
        }
        else
        {
            var ok = s.P99Ms <= options.MaxP99.TotalMilliseconds;
            reading = new GateReading(Name, ok ? GateVerdict.Pass : GateVerdict.Fail, $"p99 {s.P99Ms:0.#} ms {(ok ? "≤" : ">")} {options.MaxP99.TotalMilliseconds:0.#} ms");
        }

        return ValueTask.FromResult(reading);
    }
}
