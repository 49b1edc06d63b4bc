using System.Collections.Concurrent;

using Whisper.Core.Domain;
using Whisper.Storage;

namespace Whisper.Recommendation.Catalog;

/// <summary>
/// The engine's in-memory read model of the catalog: videos, creators' videos, users' regions, follows and live
/// sessions. Loaded once from <see cref="ICatalogStore"/>, then kept current by the feed service as rows arrive.
/// Reads are lock-free and safe concurrently with updates. ~200 bytes per video: 100k videos ≈ 20 MB.
/// </summary>
public sealed class CatalogView
{
    public const int PageSize = 10_000;

    private readonly ConcurrentDictionary<long, VideoFacts> _videos = new();
    private readonly ConcurrentDictionary<long, string> _userRegions = new();
    private readonly ConcurrentDictionary<long, ImmutableIdList> _follows = new();
    private readonly ConcurrentDictionary<long, ImmutableIdList> _creatorVideos = new();
    private readonly ConcurrentDictionary<long, LiveSession> _liveSessions = new();

    public int VideoCount => _videos.Count;

    public int UserCount => _userRegions.Count;

    public ICollection<long> VideoIds => _videos.Keys;

    public static async Task<CatalogView> LoadAsync(ICatalogStore catalog, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var view = new CatalogView();
        for (long after = 0; ;)
        {
            var users = await catalog.ListUsersAsync(after, PageSize, cancellationToken).ConfigureAwait(false);
            foreach (var user in users)
            {
                view.AddOrUpdateUser(user);
            }

            if (users.Count < PageSize)
            {
                break;
            }

            after = users[^1].Id;
        }

        for (long after = 0; ;)
        {
            var videos = await catalog.ListVideosAsync(after, PageSize, cancellationToken).ConfigureAwait(false);
            foreach (var video in videos)
            {
                view.AddOrUpdateVideo(video);
            }

            if (videos.Count < PageSize)
            {
                break;
            }

            after = videos[^1].Id;
        }

        for (long afterFollower = 0, afterCreator = 0; ;)
        {
            var follows = await catalog.ListFollowsPageAsync(afterFollower, afterCreator, PageSize, cancellationToken).ConfigureAwait(false);
            foreach (var follow in follows)
            {
                view.AddFollow(follow.FollowerId, follow.CreatorId);
            }

            if (follows.Count < PageSize)
            {
                break;
            }

            (afterFollower, afterCreator) = (follows[^1].FollowerId, follows[^1].CreatorId);
        }

        for (long after = 0; ;)
        {
            var sessions = await catalog.ListLiveSessionsAsync(after, PageSize, cancellationToken).ConfigureAwait(false);
            foreach (var session in sessions)
            {
                view.AddOrUpdateLiveSession(session);
            }

            if (sessions.Count < PageSize)
            {
                break;
            }

            after = sessions[^1].Id;
        }

        return view;
    }

    /// <summary>A view over rows already in memory (a generated world's catalog, a test's fixtures).</summary>
    public static CatalogView FromRows(IEnumerable<User> users, IEnumerable<Video> videos, IEnumerable<Follow> follows)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(videos);
        ArgumentNullException.ThrowIfNull(follows);
        var view = new CatalogView();
        foreach (var user in users)
        {
            view.AddOrUpdateUser(user);
        }

        foreach (var video in videos)
        {
            view.AddOrUpdateVideo(video);
        }

        foreach (var follow in follows)
        {
            view.AddFollow(follow.FollowerId, follow.CreatorId);
        }

        return view;
    }

    public void AddOrUpdateVideo(Video video)
    {
        ArgumentNullException.ThrowIfNull(video);
        var keys = new long[video.Hashtags.Count];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = TopicKey.Of(video.Hashtags[i]);
        }

        var facts = new VideoFacts(video.Id, video.CreatorId, video.DurationMs, video.CreatedAt.ToUnixTimeMilliseconds(), keys, video.OriginRegion);
        if (_videos.TryGetValue(video.Id, out var previous) && previous.CreatorId != video.CreatorId)
        {
            _creatorVideos.AddOrUpdate(previous.CreatorId, ImmutableIdList.Empty, (_, list) => list.Without(video.Id));
        }

        _videos[video.Id] = facts;
        _creatorVideos.AddOrUpdate(video.CreatorId, _ => ImmutableIdList.Empty.With(video.Id), (_, list) => list.With(video.Id));
    }

    public void AddOrUpdateUser(User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        _userRegions[user.Id] = CountryRegions.RegionOf(user.ResidenceCountry);
    }

    public void AddFollow(long followerId, long creatorId) =>
        _follows.AddOrUpdate(followerId, _ => ImmutableIdList.Empty.With(creatorId), (_, list) => list.With(creatorId));

    public void AddOrUpdateLiveSession(LiveSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        _liveSessions[session.Id] = session;
    }

    public bool TryGetVideo(long videoId, out VideoFacts video) => _videos.TryGetValue(videoId, out video!);

    public bool IsKnownUser(long userId) => _userRegions.ContainsKey(userId);

    /// <summary>The user's serving region; <see cref="Regions.RestOfWorld"/> for an unknown user.</summary>
    public string RegionOfUser(long userId) => _userRegions.TryGetValue(userId, out var region) ? region : Regions.RestOfWorld;

    /// <summary>Creators the user follows, ascending ids.</summary>
    public ReadOnlySpan<long> FollowedCreators(long userId) => _follows.TryGetValue(userId, out var list) ? list.Span : [];

    /// <summary>The creator's video ids, ascending (ids rise with publication in every Whisper source).</summary>
    public ReadOnlySpan<long> VideosOfCreator(long creatorId) => _creatorVideos.TryGetValue(creatorId, out var list) ? list.Span : [];

    /// <summary>Sessions live at <paramref name="time"/>.</summary>
    public IEnumerable<LiveSession> LiveAt(DateTimeOffset time)
    {
        foreach (var session in _liveSessions.Values)
        {
            if (session.IsLiveAt(time))
            {
                yield return session;
            }
        }
    }
}
