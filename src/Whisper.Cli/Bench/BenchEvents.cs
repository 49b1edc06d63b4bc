using Whisper.Core.Domain;

namespace Whisper.Cli.Bench;

/// <summary>Seeded, valid, distinct events for ingest benchmarks, made before the clock starts.</summary>
public static class BenchEvents
{
    public static EngagementEvent[] Create(int count, int seed)
    {
        var random = new Random(seed);
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var events = new EngagementEvent[count];
        Span<byte> id = stackalloc byte[16];
        for (var i = 0; i < events.Length; i++)
        {
            random.NextBytes(id);
            var kind = (EventKind)random.Next(1, 8); // impression..skip: all video events
            var watch = kind is EventKind.View or EventKind.Skip ? random.Next(1, 60_000) : 0;
            events[i] = new EngagementEvent(new Guid(id), random.NextInt64(1, 50_001), random.NextInt64(1, 100_001), kind, start.AddMilliseconds(i), watch);
        }

        return events;
    }

    /// <summary>Splits without copying: each segment is a view over the same array.</summary>
    public static List<ArraySegment<EngagementEvent>> Batches(EngagementEvent[] events, int batchSize)
    {
        var batches = new List<ArraySegment<EngagementEvent>>((events.Length + batchSize - 1) / batchSize);
        for (var offset = 0; offset < events.Length; offset += batchSize)
        {
            batches.Add(new ArraySegment<EngagementEvent>(events, offset, Math.Min(batchSize, events.Length - offset)));
        }

        return batches;
    }
}
