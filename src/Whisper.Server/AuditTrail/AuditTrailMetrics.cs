using System.Diagnostics.Metrics;

using Whisper.Security.AuditTrail;
using Whisper.Server.Ingest;

namespace Whisper.Server.AuditTrail;

/// <summary>
/// Audit trail instruments on the "Whisper.Server" meter, exported at /metrics as whisper_audit_trail_records_total{outcome}
/// and whisper_audit_trail_write_failures_total (which should stay 0: a failure is an unrecorded privileged request).
/// </summary>
internal sealed class AuditTrailMetrics
{
    private readonly Counter<long> _records;
    private readonly Counter<long> _failures;

    public AuditTrailMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(IngestMetrics.MeterName);
        _records = meter.CreateCounter<long>("whisper.audit_trail.records", "{record}", "Privileged requests and refusals recorded in the audit trail, by outcome.");
        _failures = meter.CreateCounter<long>("whisper.audit_trail.write_failures", "{record}", "Records the audit trail could not write.");
    }

    public void Recorded(AuditOutcome outcome) => _records.Add(1, new KeyValuePair<string, object?>("outcome", outcome.ToWireName()));

    public void WriteFailed() => _failures.Add(1);
}
