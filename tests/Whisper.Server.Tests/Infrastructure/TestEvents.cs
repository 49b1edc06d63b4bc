using Whisper.Core.Domain;

namespace Whisper.Server.Tests.Infrastructure;

/// <summary>Deterministic valid events for tests.</summary>
public static class TestEvents
{
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static EngagementEvent[] Views(int count, int seed = 1)
    {
        var events = new EngagementEvent[count];
        for (var i = 0; i < count; i++)
        {
            events[i] = new EngagementEvent(NewId(seed, i), UserId: 1 + (i % 50), VideoId: 1 + (i % 200), EventKind.View, Start.AddSeconds(i), WatchTimeMs: 1_000 + i);
        }

        return events;
    }

    public static Guid NewId(int seed, int i)
    {
        Span<byte> bytes = stackalloc byte[16];
        BitConverter.TryWriteBytes(bytes, seed);
        BitConverter.TryWriteBytes(bytes[4..], i);
        bytes[15] = 0x5A;
        return new Guid(bytes);
    }

    /// <summary>One event object as JSON text, for hand-built bodies.</summary>
    public static string Json(int i, string kind = "view", long userId = 1, string? extra = null) =>
        $$"""{"clientEventId":"{{NewId(99, i)}}","userId":{{userId}},"videoId":{{i + 1}},"kind":"{{kind}}","occurredAt":"2026-01-01T00:00:00Z"{{extra}}}""";

    public static string Batch(params string[] events) => $$"""{"events":[{{string.Join(",", events)}}]}""";
}
