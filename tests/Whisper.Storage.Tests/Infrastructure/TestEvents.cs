using Whisper.Core.Domain;

namespace Whisper.Storage.Tests.Infrastructure;

/// <summary>Valid events with unique ids and millisecond-precision UTC times (what the log stores), made deterministically.</summary>
public static class TestEvents
{
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeMilliseconds(1_767_225_600_000);

    private static int s_next;

    public static EngagementEvent One(int seed = 0)
    {
        var n = Interlocked.Increment(ref s_next);
        return ((n + seed) % 4) switch
        {
            0 => new EngagementEvent(Guid.NewGuid(), 1 + (n % 50), 1 + (n % 300), EventKind.View, Start.AddMilliseconds(n), 1_000 + n),
            1 => new EngagementEvent(Guid.NewGuid(), 1 + (n % 50), 1 + (n % 300), EventKind.Like, Start.AddMilliseconds(n)),
            2 => new EngagementEvent(Guid.NewGuid(), 1 + (n % 50), 0, EventKind.Purchase, Start.AddMilliseconds(n), 0, 7 + n),
            _ => new EngagementEvent(Guid.NewGuid(), 1 + (n % 50), 1 + (n % 300), EventKind.Skip, Start.AddMilliseconds(n), n % 900),
        };
    }

    public static EngagementEvent[] Batch(int count)
    {
        var batch = new EngagementEvent[count];
        for (var i = 0; i < count; i++)
        {
            batch[i] = One(i);
        }

        return batch;
    }
}
