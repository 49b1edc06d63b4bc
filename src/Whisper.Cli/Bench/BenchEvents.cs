using Whisper.Core.Domain;

namespace Whisper.Cli.Bench;

/// <summary>How benchmark events' client ids are made.</summary>
public enum BenchIdKind
{
    /// <summary>Time-ordered UUIDv7, what clients are asked to send.</summary>
    Version7,

    /// <summary>Random UUIDv4: the worst case for the log's unique index.</summary>
    Random,
}

/// <summary>Seeded, valid, distinct events for ingest benchmarks, made before the clock starts.</summary>
public static class BenchEvents
{
    public static EngagementEvent[] Create(int count, int seed, BenchIdKind ids = BenchIdKind.Version7)
    {
        var random = new Random(seed);
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var events = new EngagementEvent[count];
        Span<byte> id = stackalloc byte[16];
        for (var i = 0; i < events.Length; i++)
        {
            var at = start.AddMilliseconds(i);
            Guid clientId;
            if (ids == BenchIdKind.Version7)
            {
                clientId = Guid.CreateVersion7(at);
            }
            else
            {
                random.NextBytes(id);
                clientId = new Guid(id);
            }

            var kind = (EventKind)random.Next(1, 8); // impression..skip: all video events
            var watch = kind is EventKind.View or EventKind.Skip ? random.Next(1, 60_000) : 0;
            events[i] = new EngagementEvent(clientId, random.NextInt64(1, 50_001), random.NextInt64(1, 100_001), kind, at, watch);
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
