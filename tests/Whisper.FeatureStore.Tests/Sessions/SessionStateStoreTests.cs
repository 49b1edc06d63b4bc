using Microsoft.Extensions.Time.Testing;

using Whisper.Core.Domain;
using Whisper.FeatureStore.Sessions;

using static Whisper.FeatureStore.Tests.Infrastructure.TestFeatures;

namespace Whisper.FeatureStore.Tests.Sessions;

public sealed class SessionStateStoreTests
{
    private readonly FakeTimeProvider _time = new(Start);

    private SessionStateStore NewStore(FakeTimeProvider? time = null) => new(time ?? _time, new SessionStateOptions());

    [Fact]
    public void Observe_ImpressionsAndViews_TrackItemsAndWatchTime()
    {
        var store = NewStore();
        store.Observe(Event(1, 10, EventKind.Impression, Start));
        store.Observe(Event(1, 10, EventKind.View, Start.AddSeconds(5), 4_000));
        store.Observe(Event(1, 11, EventKind.Skip, Start.AddSeconds(9), 500));
        store.Observe(Event(1, 11, EventKind.Like, Start.AddSeconds(9)));

        Assert.True(store.TryGet(1, out var s));
        Assert.Equal([10L, 11L], s!.ItemsSeen);
        Assert.Equal(4_500, s.WatchTimeMs);
        Assert.Equal(Ms(Start), s.StartedAtMs);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, false)]
    public void TryGet_IdleAtTtlBoundary_LiveAtTtlGoneOneMsLater(int extraMs, bool live)
    {
        var store = NewStore();
        store.Observe(Event(1, 10, EventKind.Impression, Start));
        _time.Advance(TimeSpan.FromMinutes(30) + TimeSpan.FromMilliseconds(extraMs));

        Assert.Equal(live, store.TryGet(1, out _));
    }

    [Fact]
    public void Observe_AfterIdleGap_StartsANewSession()
    {
        var store = NewStore();
        store.Observe(Event(1, 10, EventKind.Impression, Start));
        _time.Advance(TimeSpan.FromMinutes(45));
        store.Observe(Event(1, 20, EventKind.Impression, Start.AddMinutes(45)));

        Assert.True(store.TryGet(1, out var s));
        Assert.Equal([20L], s!.ItemsSeen);
        Assert.Equal(Ms(Start.AddMinutes(45)), s.StartedAtMs);
    }

    [Fact]
    public void ExportImport_RoundTrip_KeepsSessionsAndTheirTimes()
    {
        var source = NewStore();
        source.Observe(Event(1, 10, EventKind.Impression, Start));
        source.Observe(Event(1, 11, EventKind.View, Start.AddMinutes(1), 7_000));
        source.Observe(Event(2, 30, EventKind.Impression, Start.AddMinutes(1)));
        _time.Advance(TimeSpan.FromMinutes(2));
        source.EnterLiveRoom(2, 900);
        var json = source.ExportJson("us");

        var target = NewStore(new FakeTimeProvider(_time.GetUtcNow()));
        var result = target.Import(json);

        Assert.Equal(new SessionImportResult(2, 0, 0), result);
        Assert.True(source.TryGet(1, out var a1));
        Assert.True(target.TryGet(1, out var b1));
        Assert.Equal(a1!.ItemsSeen, b1!.ItemsSeen);
        Assert.Equal(a1 with { ItemsSeen = [] }, b1 with { ItemsSeen = [] });
        Assert.True(target.TryGet(2, out var b2));
        Assert.Equal(900, b2!.LiveRoomId);
    }

    [Fact]
    public void Export_ExpiredSessionsAndLapsedLiveRooms_AreLeftOut()
    {
        var store = NewStore();
        store.Observe(Event(1, 10, EventKind.Impression, Start)); // idle 31 min at export: expired
        _time.Advance(TimeSpan.FromMinutes(28));
        store.EnterLiveRoom(2, 900); // heartbeat 3 min before export: room lapsed (TTL 2 min), session live
        _time.Advance(TimeSpan.FromMinutes(3));

        var json = store.ExportJson("us");

        Assert.DoesNotContain("\"user_id\":1", json, StringComparison.Ordinal);
        Assert.Contains("\"user_id\":2", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"live_room\":", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_SessionThatExpiredInTransit_IsSkippedAndCounted()
    {
        var source = NewStore();
        source.Observe(Event(1, 10, EventKind.Impression, Start));
        var json = source.ExportJson("us");
        var target = NewStore(new FakeTimeProvider(Start.AddMinutes(31)));

        var result = target.Import(json);

        Assert.Equal(new SessionImportResult(0, 1, 0), result);
        Assert.False(target.TryGet(1, out _));
    }

    [Fact]
    public void Import_LocalSessionIsNewer_KeepsLocal()
    {
        var source = NewStore();
        source.Observe(Event(1, 10, EventKind.Impression, Start));
        var target = NewStore();
        target.Observe(Event(1, 99, EventKind.Impression, Start.AddSeconds(1)));

        var result = target.Import(source.ExportJson("us"));

        Assert.Equal(new SessionImportResult(0, 0, 1), result);
        Assert.True(target.TryGet(1, out var s));
        Assert.Equal([99L], s!.ItemsSeen);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("{\"format\":\"whisper-session-state\",\"version\":2,\"sessions\":[]}")]
    [InlineData("{\"format\":\"other\",\"version\":1,\"sessions\":[]}")]
    [InlineData("{\"format\":\"whisper-session-state\",\"version\":1,\"sessions\":[{\"user_id\":1}]}")]
    public void Import_BadDocument_ThrowsAndImportsNothing(string json)
    {
        var store = NewStore();

        Assert.Throws<SessionStateFormatException>(() => store.Import(json));
        Assert.Equal(0, store.Count);
    }
}
