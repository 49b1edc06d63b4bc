using Whisper.Core.Domain;

namespace Whisper.FeatureStore.Definitions;

/// <summary>
/// The features the recommendation engine reads, declared in code. TTLs equal the window for windowed aggregates: a
/// value whose newest event has left the window is stale, so it is served as the default instead. Session features have
/// short TTLs (<see cref="SessionIdle"/>, <see cref="LiveRoomTtl"/>) and also live in <c>SessionStateStore</c>.
/// </summary>
public static class DefaultFeatures
{
    public const string RankerModel = "ranker";
    public const string SessionTable = "session_state";

    /// <summary>A session ends after this long without activity.</summary>
    public static readonly TimeSpan SessionIdle = TimeSpan.FromMinutes(30);

    /// <summary>A live-room presence lapses this long after its last heartbeat.</summary>
    public static readonly TimeSpan LiveRoomTtl = TimeSpan.FromMinutes(2);

    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    public static IReadOnlyList<FeatureDefinition> Definitions { get; } =
    [
        Windowed("user_watch_time_1h", FeatureEntity.User, WatchTime(), Hour, "Watch time (ms) in the last hour."),
        Windowed("user_watch_time_24h", FeatureEntity.User, WatchTime(), Day, "Watch time (ms) in the last 24 hours."),
        Windowed("user_views_24h", FeatureEntity.User, FeatureSource.Count(EventKind.View), Day, "Videos viewed in the last 24 hours."),
        Windowed("user_skips_24h", FeatureEntity.User, FeatureSource.Count(EventKind.Skip), Day, "Videos skipped in the last 24 hours."),
        new("user_last_video", FeatureEntity.User, FeatureValueType.Whole, FeatureSource.Aggregate(FeatureAggregation.Last, FeatureField.VideoId, EventKind.View), null, Day, 0, "ranking")
        {
            Description = "Video id of the user's latest view (0: none in the last 24 hours).",
        },
        Windowed("video_views_1h", FeatureEntity.Video, FeatureSource.Count(EventKind.View), Hour, "Views in the last hour."),
        Windowed("video_views_24h", FeatureEntity.Video, FeatureSource.Count(EventKind.View), Day, "Views in the last 24 hours."),
        Windowed("video_likes_1h", FeatureEntity.Video, FeatureSource.Count(EventKind.Like), Hour, "Likes in the last hour."),
        Windowed("video_likes_24h", FeatureEntity.Video, FeatureSource.Count(EventKind.Like), Day, "Likes in the last 24 hours."),
        Windowed("video_shares_1h", FeatureEntity.Video, FeatureSource.Count(EventKind.Share), Hour, "Shares in the last hour."),
        Windowed("video_shares_24h", FeatureEntity.Video, FeatureSource.Count(EventKind.Share), Day, "Shares in the last 24 hours."),
        Windowed("video_impressions_24h", FeatureEntity.Video, FeatureSource.Count(EventKind.Impression), Day, "Impressions in the last 24 hours."),
        Windowed("creator_views_24h", FeatureEntity.Creator, FeatureSource.Count(EventKind.View), Day, "Views of the creator's videos in the last 24 hours."),
        new("creator_followers", FeatureEntity.Creator, FeatureValueType.Whole, FeatureSource.FromTable("follows"), null, TimeSpan.FromDays(7), 0, "catalog")
        {
            Description = "Follower count, written by the catalog loader at least weekly.",
        },
        new("session_items_seen", FeatureEntity.Session, FeatureValueType.Whole, FeatureSource.Count(EventKind.Impression, EventKind.View, EventKind.Skip), SessionIdle, SessionIdle, 0, "feed")
        {
            Description = "Videos shown in the current session.",
        },
        new("session_watch_time", FeatureEntity.Session, FeatureValueType.Whole, FeatureSource.Aggregate(FeatureAggregation.Sum, FeatureField.WatchTimeMs, EventKind.View, EventKind.Skip), SessionIdle, SessionIdle, 0, "feed")
        {
            Description = "Watch time (ms) in the current session.",
        },
        new("session_live_room", FeatureEntity.Session, FeatureValueType.Whole, FeatureSource.FromTable(SessionTable), null, LiveRoomTtl, 0, "live")
        {
            Description = "Live session id the user is watching now (0: none).",
        },
    ];

    public static IReadOnlyList<ModelInput> ModelInputs { get; } =
    [
        new(RankerModel,
        [
            "user_watch_time_1h", "user_watch_time_24h", "user_views_24h", "user_skips_24h",
            "video_views_1h", "video_views_24h", "video_likes_1h", "video_likes_24h", "video_shares_1h", "video_shares_24h", "video_impressions_24h",
            "creator_views_24h", "creator_followers", "session_items_seen", "session_watch_time", "session_live_room",
        ]),
    ];

    /// <summary>A fresh registry of <see cref="Definitions"/> and <see cref="ModelInputs"/>.</summary>
    public static FeatureRegistry CreateRegistry() => FeatureRegistry.Create(Definitions, ModelInputs);

    private static FeatureSource WatchTime() => FeatureSource.Aggregate(FeatureAggregation.Sum, FeatureField.WatchTimeMs, EventKind.View, EventKind.Skip);

    private static FeatureDefinition Windowed(string name, FeatureEntity entity, FeatureSource source, TimeSpan window, string description) =>
        new(name, entity, FeatureValueType.Whole, source, window, window, 0, "ranking") { Description = description };
}
