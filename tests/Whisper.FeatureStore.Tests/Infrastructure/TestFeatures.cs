using Whisper.Core.Domain;
using Whisper.FeatureStore.Definitions;

namespace Whisper.FeatureStore.Tests.Infrastructure;

/// <summary>Small registries and events with exact, readable times.</summary>
public static class TestFeatures
{
    /// <summary>2026-01-01T00:00:00Z.</summary>
    public static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeMilliseconds(1_767_225_600_000);

    public static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    public static long Ms(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    /// <summary>user_views_1h (TTL 1h), user_watch_1h (sum), user_last_video (TTL 10 min), video_likes_1h, creator_followers (table, TTL 1 day), session_items_seen.</summary>
    public static FeatureRegistry Small() => FeatureRegistry.Create(
    [
        new("user_views_1h", FeatureEntity.User, FeatureValueType.Whole, FeatureSource.Count(EventKind.View), Hour, Hour, -1, "test"),
        new("user_watch_1h", FeatureEntity.User, FeatureValueType.Whole, FeatureSource.Aggregate(FeatureAggregation.Sum, FeatureField.WatchTimeMs, EventKind.View), Hour, Hour, 0, "test"),
        new("user_last_video", FeatureEntity.User, FeatureValueType.Whole, FeatureSource.Aggregate(FeatureAggregation.Last, FeatureField.VideoId, EventKind.View), null, TimeSpan.FromMinutes(10), 0, "test"),
        new("video_likes_1h", FeatureEntity.Video, FeatureValueType.Whole, FeatureSource.Count(EventKind.Like), Hour, Hour, 0, "test"),
        new("creator_followers", FeatureEntity.Creator, FeatureValueType.Whole, FeatureSource.FromTable("follows"), null, TimeSpan.FromDays(1), 0, "test"),
        new("session_items_seen", FeatureEntity.Session, FeatureValueType.Whole, FeatureSource.Count(EventKind.Impression), TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(30), 0, "test"),
    ]);

    private static int s_next;

    public static EngagementEvent Event(long user, long video, EventKind kind, DateTimeOffset at, int watchMs = 0) =>
        new(new Guid(Interlocked.Increment(ref s_next), 0, 0, new byte[8]), user, video, kind, at, watchMs);
}
