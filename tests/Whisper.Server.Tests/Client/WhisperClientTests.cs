using System.Net;

using Whisper.Core.Domain;
using Whisper.Server.Client;
using Whisper.Server.Tests.Infrastructure;

namespace Whisper.Server.Tests.Client;

public sealed class WhisperClientTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly ServerHost _host = fixture.Host;

    [Fact]
    public async Task IngestAsync_EveryKind_RoundTripsThroughTheLog()
    {
        var at = new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.FromHours(-4));
        EngagementEvent[] events =
        [
            new(TestEvents.NewId(60, 1), 1, 2, EventKind.Impression, at),
            new(TestEvents.NewId(60, 2), 1, 2, EventKind.View, at, WatchTimeMs: 12_345),
            new(TestEvents.NewId(60, 3), 1, 2, EventKind.Like, at),
            new(TestEvents.NewId(60, 4), 1, 2, EventKind.Share, at),
            new(TestEvents.NewId(60, 5), 1, 2, EventKind.Comment, at),
            new(TestEvents.NewId(60, 6), 1, 2, EventKind.Follow, at),
            new(TestEvents.NewId(60, 7), 1, 2, EventKind.Skip, at, WatchTimeMs: 300),
            new(TestEvents.NewId(60, 8), 1, 0, EventKind.Purchase, at, ProductId: 77),
        ];

        var result = await _host.Client(_host.IngestKey).IngestAsync(events);

        var logged = new List<LoggedEvent>();
        await _host.Store.Events.ReadAsync(result.FirstSequence - 1, 100, logged);
        Assert.Equal(events, logged.Select(static l => l.Event));
    }

    [Fact]
    public async Task IngestAsync_InvalidEvent_ThrowsWithProblemNamingIndex()
    {
        var events = TestEvents.Views(5, seed: 61);
        events[3] = events[3] with { UserId = -1 };
        var head = await _host.Store.Events.GetHeadAsync();

        var ex = await Assert.ThrowsAsync<WhisperApiException>(() => _host.Client(_host.IngestKey).IngestAsync(events));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, ex.StatusCode);
        Assert.Equal("invalid_event", ex.Problem?.Code);
        Assert.Equal(3, ex.Problem?.EventIndex);
        Assert.Equal(head, await _host.Store.Events.GetHeadAsync());
    }

    [Fact]
    public async Task IngestAsync_WrongKey_Throws401()
    {
        var ex = await Assert.ThrowsAsync<WhisperApiException>(() => _host.Client("whk_nope").IngestAsync(TestEvents.Views(1, seed: 62)));

        Assert.Equal(HttpStatusCode.Unauthorized, ex.StatusCode);
        Assert.Equal("invalid_api_key", ex.Problem?.Code);
    }
}
