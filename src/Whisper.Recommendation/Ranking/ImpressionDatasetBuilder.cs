using Whisper.Core.Domain;
using Whisper.Recommendation.Candidates;
using Whisper.Recommendation.Catalog;
using Whisper.Storage;

namespace Whisper.Recommendation.Ranking;

/// <summary>
/// Turns the event log into training rows: every impression becomes a row whose labels are the same (user, video)'s
/// follow-up engagement within <see cref="RankerOptions.LabelWindow"/> (a long-watch view, like, share, follow).
/// Features are point in time: the log is replayed in order and counters and follows are read before the impression
/// is counted, so no row sees its own future. The model score comes from <paramref name="modelScore"/> as it is now —
/// see docs/feed.md ("Training data") for the leak that implies for an online-trained model.
/// </summary>
public static class ImpressionDatasetBuilder
{
    /// <summary>Reads the whole log (pages of 10,000) and builds the dataset.</summary>
    public static async Task<ImpressionDataset> BuildAsync(
        IEventLog log,
        CatalogView catalog,
        Func<long, long, float> modelScore,
        RankerOptions options,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(log);
        var events = new List<EngagementEvent>();
        var page = new List<LoggedEvent>(10_000);
        for (long after = 0; ;)
        {
            page.Clear();
            var n = await log.ReadAsync(after, 10_000, page, cancellationToken).ConfigureAwait(false);
            foreach (var logged in page)
            {
                events.Add(logged.Event);
            }

            if (n == 0)
            {
                break;
            }

            after = page[^1].Sequence;
        }

        return Build(events, catalog, modelScore, options);
    }

    /// <summary>Builds the dataset from events in log order.</summary>
    public static ImpressionDataset Build(
        IReadOnlyList<EngagementEvent> events,
        CatalogView catalog,
        Func<long, long, float> modelScore,
        RankerOptions options)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(modelScore);
        ArgumentNullException.ThrowIfNull(options);
        options.EnsureValid();

        // Follows made inside the log: the catalog already holds them, so before that event the user did not follow yet.
        var firstFollowAt = new Dictionary<(long User, long Creator), long>();
        var impressions = 0;
        foreach (var e in events)
        {
            if (e.Kind == EventKind.Impression)
            {
                impressions++;
            }
            else if (e.Kind == EventKind.Follow && catalog.TryGetVideo(e.VideoId, out var followed))
            {
                firstFollowAt.TryAdd((e.UserId, followed.CreatorId), e.OccurredAt.ToUnixTimeMilliseconds());
            }
        }

        var features = new float[impressions * RankingFeatures.Count];
        var labels = new bool[impressions * ImpressionDataset.ObjectiveCount];
        var users = new long[impressions];
        var videos = new long[impressions];
        var open = new Dictionary<(long User, long Video), (int Row, long AtMs)>();
        var counters = new EngagementCounters(catalog, options.LongWatchRatio);
        var windowMs = (long)options.LabelWindow.TotalMilliseconds;
        var rows = 0;
        foreach (var e in events)
        {
            if (!e.Kind.TargetsVideo() || !catalog.TryGetVideo(e.VideoId, out var video))
            {
                continue;
            }

            var atMs = e.OccurredAt.ToUnixTimeMilliseconds();
            if (e.Kind == EventKind.Impression)
            {
                var follows = Follows(catalog, firstFollowAt, e.UserId, video.CreatorId, atMs);
                RankingFeatures.Write(features.AsSpan(rows * RankingFeatures.Count, RankingFeatures.Count), modelScore(e.UserId, e.VideoId),
                    origin: 0, sourceScore: 0, video, atMs, follows, catalog.RegionOfUser(e.UserId), counters.Video(video.Id), counters.Creator(video.CreatorId));
                users[rows] = e.UserId;
                videos[rows] = e.VideoId;
                open[(e.UserId, e.VideoId)] = (rows, atMs);
                rows++;
            }
            else if (open.TryGetValue((e.UserId, e.VideoId), out var row) && atMs - row.AtMs <= windowMs)
            {
                var objective = e.Kind switch
                {
                    EventKind.View when EngagementCounters.IsLongWatch(e.WatchTimeMs, video.DurationMs, options.LongWatchRatio) => RankingObjective.LongWatch,
                    EventKind.Like => RankingObjective.Like,
                    EventKind.Share => RankingObjective.Share,
                    EventKind.Follow => RankingObjective.Follow,
                    _ => (RankingObjective)(-1),
                };
                if (objective >= 0)
                {
                    labels[(row.Row * ImpressionDataset.ObjectiveCount) + (int)objective] = true;
                }
            }

            counters.Observe(e);
        }

        return new ImpressionDataset(features, labels, users, videos, rows);
    }

    private static bool Follows(CatalogView catalog, Dictionary<(long User, long Creator), long> firstFollowAt, long userId, long creatorId, long atMs)
    {
        if (catalog.FollowedCreators(userId).BinarySearch(creatorId) < 0)
        {
            return false;
        }

        return !firstFollowAt.TryGetValue((userId, creatorId), out var followedAt) || followedAt < atMs;
    }
}
