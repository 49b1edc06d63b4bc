namespace Whisper.Evaluation.Reports;

/// <summary>What was evaluated.</summary>
/// <param name="Source">Where the data came from, e.g. "sqlite:.whisper/whisper.db" or "world" (never a connection string's secrets).</param>
/// <param name="Parameters">How a generated world was shaped (users, videos, days, seed); empty for a store.</param>
/// <param name="Events">Video events loaded.</param>
/// <param name="SkippedEvents">Events not loaded (purchases).</param>
/// <param name="PositiveEvents">Loaded events that count as positives.</param>
/// <param name="Users">Users with at least one loaded event.</param>
/// <param name="Videos">Videos in the universe (catalog plus any only the log names).</param>
/// <param name="Creators">Creators of catalog videos.</param>
/// <param name="LongWatchFraction">Relevance rule: a view is a long watch from this share of the duration.</param>
public sealed record DatasetSummary(
    string Source,
    IReadOnlyDictionary<string, string> Parameters,
    long Events,
    long SkippedEvents,
    long PositiveEvents,
    int Users,
    int Videos,
    int Creators,
    double LongWatchFraction);
