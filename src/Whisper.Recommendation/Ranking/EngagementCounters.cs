using System.Collections.Concurrent;

using Whisper.Core.Domain;
using Whisper.Recommendation.Candidates;
using Whisper.Recommendation.Catalog;

namespace Whisper.Recommendation.Ranking;

/// <summary>
/// Per-video and per-creator engagement counters for ranking features (popularity, view/like/share rates). Fed every
/// logged event once, in log order (<see cref="IEngagementObserver"/>). Memory: one 32-byte cell per video and creator that
/// ever had an event (100k videos ≈ 6 MB with dictionary overhead). Writes are interlocked; reads see each counter
/// whole but a cell's counters are not read atomically together — fine for features.
/// </summary>
public sealed class EngagementCounters : IEngagementObserver
{
    private readonly CatalogView _catalog;
    private readonly double _longWatchRatio;
    private readonly ConcurrentDictionary<long, Cell> _videos = new();
    private readonly ConcurrentDictionary<long, Cell> _creators = new();

    public EngagementCounters(CatalogView catalog, double longWatchRatio = 0.5)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(longWatchRatio);
        _catalog = catalog;
        _longWatchRatio = longWatchRatio;
    }

    public void Observe(in LoggedEvent logged) => Observe(logged.Event);

    public void Observe(in EngagementEvent e)
    {
        if (!e.Kind.TargetsVideo() || !_catalog.TryGetVideo(e.VideoId, out var video))
        {
            return;
        }

        var v = _videos.GetOrAdd(e.VideoId, static _ => new Cell());
        var c = _creators.GetOrAdd(video.CreatorId, static _ => new Cell());
        switch (e.Kind)
        {
            case EventKind.Impression:
                Interlocked.Increment(ref v.Impressions);
                Interlocked.Increment(ref c.Impressions);
                break;
            case EventKind.View:
                Interlocked.Increment(ref v.Views);
                Interlocked.Increment(ref c.Views);
                if (IsLongWatch(e.WatchTimeMs, video.DurationMs, _longWatchRatio))
                {
                    Interlocked.Increment(ref v.LongWatches);
                    Interlocked.Increment(ref c.LongWatches);
                }

                break;
            case EventKind.Like:
                Interlocked.Increment(ref v.Likes);
                Interlocked.Increment(ref c.Likes);
                break;
            case EventKind.Share:
                Interlocked.Increment(ref v.Shares);
                Interlocked.Increment(ref c.Shares);
                break;
            case EventKind.Follow:
                Interlocked.Increment(ref v.Follows);
                Interlocked.Increment(ref c.Follows);
                break;
            default:
                break;
        }
    }

    public EngagementCounts Video(long videoId) => _videos.TryGetValue(videoId, out var cell) ? cell.Read() : default;

    public EngagementCounts Creator(long creatorId) => _creators.TryGetValue(creatorId, out var cell) ? cell.Read() : default;

    /// <summary>The long-watch rule shared by counters and training labels.</summary>
    public static bool IsLongWatch(int watchTimeMs, int durationMs, double ratio) =>
        durationMs > 0 && watchTimeMs >= ratio * durationMs;

    private sealed class Cell
    {
        public int Impressions;
        public int Views;
        public int LongWatches;
        public int Likes;
        public int Shares;
        public int Follows;

        public EngagementCounts Read() => new(
            Volatile.Read(ref Impressions), Volatile.Read(ref Views), Volatile.Read(ref LongWatches),
            Volatile.Read(ref Likes), Volatile.Read(ref Shares), Volatile.Read(ref Follows));
    }
}
