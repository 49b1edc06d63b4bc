using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Whisper.Security.Egress;

/// <summary>
/// Egress instruments on the "Whisper.Security" meter: <c>whisper.egress.denied</c> and <c>whisper.egress.allowed</c>,
/// each tagged <c>host</c> (normalised; "(invalid)" for an unparsable one) and <c>reason</c> (<see cref="EgressDecision.ReasonTag"/>).
/// The host tag is bounded by the allowlist for allowed connections; denied hosts are whatever code tried to reach,
/// which is the point of the metric (alert on any increase).
/// </summary>
internal sealed class EgressMetrics
{
    private static readonly Meter SharedMeter = new(SecurityModule.Name);

    private readonly Counter<long> _denied;
    private readonly Counter<long> _allowed;

    /// <summary>Instruments from <paramref name="meterFactory"/> when the host has one (DI), else on a process-wide meter.</summary>
    public EgressMetrics(IMeterFactory? meterFactory)
    {
        var meter = meterFactory?.Create(SecurityModule.Name) ?? SharedMeter;
        _denied = meter.CreateCounter<long>("whisper.egress.denied", "{connection}", "Outbound connections the egress guard refused, by host and reason.");
        _allowed = meter.CreateCounter<long>("whisper.egress.allowed", "{connection}", "Outbound connections the egress guard let through, by host and reason.");
    }

    public void Record(EgressDecision decision)
    {
        var tags = new TagList { { "host", decision.Host }, { "reason", decision.ReasonTag } };
        (decision.Allowed ? _allowed : _denied).Add(1, tags);
    }
}
