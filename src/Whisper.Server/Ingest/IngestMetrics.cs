using System.Diagnostics.Metrics;

namespace Whisper.Server.Ingest;

/// <summary>
/// Ingest instruments on the "Whisper.Server" meter, exported by OpenTelemetry at /metrics as
/// whisper_ingest_events_total, whisper_ingest_duplicates_total, whisper_ingest_rejected_batches_total{reason}
/// and whisper_ingest_duration_seconds.
/// </summary>
internal sealed class IngestMetrics
{
    public const string MeterName = "Whisper.Server";

    private readonly Counter<long> _appended;
    private readonly Counter<long> _duplicates;
    private readonly Counter<long> _rejected;
    private readonly Histogram<double> _duration;

    public IngestMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _appended = meter.CreateCounter<long>("whisper.ingest.events", "{event}", "Events appended to the log by POST /v1/events.");
        _duplicates = meter.CreateCounter<long>("whisper.ingest.duplicates", "{event}", "Events skipped because their clientEventId was already stored.");
        _rejected = meter.CreateCounter<long>("whisper.ingest.rejected_batches", "{batch}", "Batches refused before anything was stored, by reason code.");
        _duration = meter.CreateHistogram<double>("whisper.ingest.duration", "s", "Time to read, validate and append one batch.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] });
    }

    public void Appended(int appended, int duplicates, TimeSpan elapsed)
    {
        _appended.Add(appended);
        _duplicates.Add(duplicates);
        _duration.Record(elapsed.TotalSeconds);
    }

    public void Rejected(string reason) => _rejected.Add(1, new KeyValuePair<string, object?>("reason", reason));
}
