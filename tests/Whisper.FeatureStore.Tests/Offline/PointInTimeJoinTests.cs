using Whisper.Core.Domain;
using Whisper.FeatureStore.Definitions;
using Whisper.FeatureStore.Offline;
using Whisper.FeatureStore.Online;
using Whisper.FeatureStore.Tests.Infrastructure;
using Whisper.Storage;

using static Whisper.FeatureStore.Tests.Infrastructure.TestFeatures;

namespace Whisper.FeatureStore.Tests.Offline;

public sealed class PointInTimeJoinTests
{
    private readonly FeatureRegistry _registry = Small();

    private static PointInTimeResult Join(FeatureRegistry registry, string[] features, TrainingRowKey[] keys, params EngagementEvent[] events)
    {
        var join = new PointInTimeJoin(registry, [.. features.Select(registry.IdOf)], keys, creatorOfVideo: v => v * 10);
        foreach (var e in events)
        {
            join.Observe(e);
        }

        return join.Complete();
    }

    private static TrainingRowKey At(DateTimeOffset time, long user = 1, long video = 0) => new(Ms(time), user, video, 0);

    [Fact]
    public void Complete_RowsBetweenEvents_SeeOnlyEventsUpToTheirTime()
    {
        // Three views at +1, +2, +3 min; rows at +2 min and +150 s. An implementation reading the final aggregate (3) fails.
        var result = Join(_registry, ["user_views_1h", "user_watch_1h"], [At(Start.AddMinutes(2)), At(Start.AddSeconds(150))],
            Event(1, 10, EventKind.View, Start.AddMinutes(1), 100),
            Event(1, 11, EventKind.View, Start.AddMinutes(2), 200),
            Event(1, 12, EventKind.View, Start.AddMinutes(3), 400));

        Assert.Equal([2, 300], result.Row(0).ToArray()); // the event exactly at t is included
        Assert.Equal([2, 300], result.Row(1).ToArray()); // +3 min is in the future of +150 s
        Assert.Equal(3, result.EventsRead);
    }

    [Fact]
    public void Complete_RowBeforeAnyEvent_GetsDefaultAsMissing()
    {
        var result = Join(_registry, ["user_views_1h"], [At(Start)], Event(1, 10, EventKind.View, Start.AddMilliseconds(1)));

        Assert.Equal(-1, result.Value(0, 0));
        Assert.Equal(FeatureReadStatus.Missing, result.Status(0, 0));
    }

    [Fact]
    public void Complete_KeysOutOfTimeOrder_AreReturnedInGivenOrder()
    {
        var result = Join(_registry, ["user_last_video"], [At(Start.AddMinutes(5)), At(Start.AddMinutes(1))],
            Event(1, 10, EventKind.View, Start),
            Event(1, 11, EventKind.View, Start.AddMinutes(2)));

        Assert.Equal(11, result.Value(0, 0));
        Assert.Equal(10, result.Value(1, 0));
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, false)]
    public void Complete_ValueAgeAtTtlBoundary_FreshAtTtlExpiredOneMsLater(int extraMs, bool fresh)
    {
        // user_last_video has a 10 min TTL and no window: only the TTL bounds it.
        var row = At(Start.AddMinutes(10).AddMilliseconds(extraMs));
        var result = Join(_registry, ["user_last_video"], [row], Event(1, 77, EventKind.View, Start));

        Assert.Equal(fresh ? 77 : 0, result.Value(0, 0));
        Assert.Equal(fresh ? FeatureReadStatus.Fresh : FeatureReadStatus.Expired, result.Status(0, 0));
    }

    [Fact]
    public void Complete_WindowedCount_DropsEventsOlderThanWindowAtTheLatestEvent()
    {
        // Views at 0, +30 min, +70 min: at +70 min the 1 h window (+10 min, +70 min] holds two.
        var result = Join(_registry, ["user_views_1h"], [At(Start.AddMinutes(71))],
            Event(1, 1, EventKind.View, Start),
            Event(1, 2, EventKind.View, Start.AddMinutes(30)),
            Event(1, 3, EventKind.View, Start.AddMinutes(70)));

        Assert.Equal(2, result.Value(0, 0));
    }

    [Fact]
    public void Complete_EntitiesAndCreatorMapping_ReadTheirOwnKeys()
    {
        var result = Join(_registry, ["video_likes_1h", "user_views_1h"], [new TrainingRowKey(Ms(Start.AddMinutes(1)), 2, 5, 50)],
            Event(1, 5, EventKind.Like, Start),
            Event(3, 5, EventKind.Like, Start),
            Event(1, 6, EventKind.Like, Start));

        Assert.Equal(2, result.Value(0, 0));
        Assert.Equal(FeatureReadStatus.Missing, result.Status(0, 1)); // user 2 never viewed
    }

    [Fact]
    public void ObserveTable_ValueWrittenAfterRow_IsNotSeen()
    {
        var followers = _registry.IdOf("creator_followers");
        var join = new PointInTimeJoin(_registry, [followers], [new TrainingRowKey(Ms(Start.AddHours(1)), 1, 5, 50), new TrainingRowKey(Ms(Start.AddHours(3)), 1, 5, 50)]);
        join.ObserveTable(followers, 50, 100, Ms(Start));
        join.ObserveTable(followers, 50, 250, Ms(Start.AddHours(2)));

        var result = join.Complete();

        Assert.Equal(100, result.Value(0, 0));
        Assert.Equal(250, result.Value(1, 0));
    }

    [Fact]
    public async Task BuildAsync_FromSqliteLog_MatchesInMemoryJoinAndReadsOnce()
    {
        var path = Path.Combine(Path.GetTempPath(), "whisper-fs-" + Guid.NewGuid().ToString("N") + ".db");
        try
        {
            await using (var store = await WhisperStores.OpenAsync(new StoreOptions(StoreProvider.Sqlite, path)))
            {
                await store.Events.AppendAsync(
                [
                    Event(1, 10, EventKind.View, Start, 100),
                    Event(1, 11, EventKind.View, Start.AddMinutes(5), 100),
                    Event(1, 12, EventKind.View, Start.AddMinutes(20), 100),
                ]);
                var ids = new[] { _registry.IdOf("user_views_1h"), _registry.IdOf("user_last_video") };
                var result = await PointInTimeJoin.BuildAsync(store.Events, _registry, ids, [At(Start.AddMinutes(6)), At(Start.AddMinutes(25))], v => v);

                Assert.Equal([2, 11], result.Row(0).ToArray());
                Assert.Equal([3, 12], result.Row(1).ToArray());
                Assert.Equal(3, result.EventsRead);
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var file in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(path) + "*"))
            {
                File.Delete(file);
            }
        }
    }

    [Fact]
    public void Constructor_CreatorEventFeatureWithoutMapping_Throws()
    {
        var registry = FeatureRegistry.Create([new FeatureDefinition("creator_views_1h", FeatureEntity.Creator, FeatureValueType.Whole, FeatureSource.Count(EventKind.View), Hour, Hour, 0, "t")]);

        var e = Assert.Throws<ArgumentException>(() => new PointInTimeJoin(registry, [0], []));
        Assert.Contains("creator_views_1h", e.Message, StringComparison.Ordinal);
    }
}
