using System.Diagnostics.Metrics;

using Whisper.Security.Detection;
using Whisper.Server.Ingest;

namespace Whisper.Server.SecurityAlerts;

/// <summary>
/// Detection instruments on the "Whisper.Server" meter, exported at /metrics as whisper_security_events_total,
/// whisper_security_events_dropped_total and whisper_security_alerts_total{rule}.
/// </summary>
internal sealed class SecurityAlertMetrics
{
    private readonly Counter<long> _observed;
    private readonly Counter<long> _dropped;
    private readonly Counter<long> _alerts;

    public SecurityAlertMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(IngestMetrics.MeterName);
        _observed = meter.CreateCounter<long>("whisper.security.events", "{event}", "Access events the intrusion detector has read.");
        _dropped = meter.CreateCounter<long>("whisper.security.events_dropped", "{event}", "Access events dropped because the detector's queue was full.");
        _alerts = meter.CreateCounter<long>("whisper.security.alerts", "{alert}", "Alerts the intrusion detector raised, by rule.");
    }

    public void Observed() => _observed.Add(1);

    public void Dropped() => _dropped.Add(1);

    public void Alert(AlertRule rule) => _alerts.Add(1, new KeyValuePair<string, object?>("rule", rule.ToString()));
}
