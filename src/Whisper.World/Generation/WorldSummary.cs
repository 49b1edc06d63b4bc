namespace Whisper.World.Generation;

/// <summary>What a world write produced. Catalog counts are rows upserted (an upsert of an existing row counts again).</summary>
public sealed record WorldSummary(
    long Users,
    long Creators,
    long Videos,
    long Follows,
    long LiveSessions,
    long Products,
    long Orders,
    long EventsGenerated,
    long EventsAppended,
    long EventDuplicates,
    TimeSpan GenerationTime,
    TimeSpan WritingTime)
{
    /// <summary>Generation plus writing.</summary>
    public TimeSpan TotalTime => GenerationTime + WritingTime;
}
