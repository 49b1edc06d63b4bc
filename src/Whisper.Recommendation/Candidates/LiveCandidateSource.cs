using Whisper.Recommendation.Catalog;

namespace Whisper.Recommendation.Candidates;

/// <summary>
/// Creators live at <see cref="FeedRequest.Now"/>: followed creators first, then (unless turned off) other live
/// creators; within each group by the session's peak viewers, then session id. A live session is not a video, so the
/// candidate is the creator's latest video published by the request time: the feed shows it with the "live now"
/// badge and a tap opens the stream. Creators without a video, blocked creators and recently served videos are
/// skipped. Score = viewers / (viewers + 100), plus 1 for a followed creator.
/// </summary>
public sealed class LiveCandidateSource : ICandidateSource
{
    private readonly CatalogView _catalog;
    private readonly bool _includeNotFollowed;

    /// <param name="catalog">Live sessions, follows and creators' videos.</param>
    /// <param name="includeNotFollowed">False proposes followed creators only.</param>
    public LiveCandidateSource(CatalogView catalog, bool includeNotFollowed = true)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        _catalog = catalog;
        _includeNotFollowed = includeNotFollowed;
    }

    public CandidateOrigin Origin => CandidateOrigin.Live;

    public void Collect(FeedRequest request, int budget, List<Candidate> into)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(into);
        if (budget <= 0)
        {
            return;
        }

        var followed = _catalog.FollowedCreators(request.UserId);
        var live = new List<LiveEntry>();
        foreach (var session in _catalog.LiveAt(request.Now))
        {
            var isFollowed = followed.BinarySearch(session.CreatorId) >= 0;
            if ((isFollowed || _includeNotFollowed) && !request.BlockedCreators.Contains(session.CreatorId))
            {
                live.Add(new LiveEntry(session.Id, session.CreatorId, session.PeakViewers, isFollowed));
            }
        }

        live.Sort(static (a, b) =>
            a.Followed != b.Followed ? b.Followed.CompareTo(a.Followed)
            : a.Viewers != b.Viewers ? b.Viewers.CompareTo(a.Viewers)
            : a.SessionId.CompareTo(b.SessionId));

        var nowMs = request.Now.ToUnixTimeMilliseconds();
        var added = 0;
        var creators = new HashSet<long>();
        for (var i = 0; i < live.Count && added < budget; i++)
        {
            var entry = live[i];
            if (!creators.Add(entry.CreatorId))
            {
                continue; // Two sessions of one creator: the first (best) one stands for both.
            }

            if (LatestVideo(entry.CreatorId, nowMs) is { } videoId && !request.RecentlyServed.Contains(videoId))
            {
                var viewers = Math.Max(entry.Viewers, 0);
                into.Add(new Candidate(videoId, (entry.Followed ? 1f : 0f) + (viewers / (viewers + 100f)), CandidateOrigin.Live));
                added++;
            }
        }
    }

    private long? LatestVideo(long creatorId, long nowMs)
    {
        var videos = _catalog.VideosOfCreator(creatorId);
        for (var i = videos.Length - 1; i >= 0; i--)
        {
            if (_catalog.TryGetVideo(videos[i], out var video) && video.CreatedAtMs <= nowMs)
            {
                return video.Id;
            }
        }

        return null;
    }

    private readonly record struct LiveEntry(long SessionId, long CreatorId, int Viewers, bool Followed);
}
