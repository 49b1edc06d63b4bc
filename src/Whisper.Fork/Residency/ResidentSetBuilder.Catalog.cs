using Whisper.Core.Domain;

namespace Whisper.Fork.Residency;

/// <summary>Creators and the rows that hang off them or off follows.</summary>
public sealed partial class ResidentSetBuilder
{
    // Creators that travel, with the user behind each (for the audience report).
    private readonly List<long> _travellingCreators = [];
    private readonly List<long> _creatorOwners = [];
    private long[] _creators = [];
    private long[] _owners = [];
    private int[] _residentFollowers = [];
    private int[] _totalFollowers = [];

    private long _creatorsSeen, _videosSeen, _videosIncluded, _liveSeen, _liveIncluded, _productsSeen, _productsIncluded;
    private long _followsSeen, _followsIncluded, _followsOfForeignCreators, _followsLeftBehind;

    /// <summary>A creator travels when the user behind it does (its home country is not consulted).</summary>
    public ResidentSetBuilder AddCreators(IEnumerable<Creator> creators)
    {
        ArgumentNullException.ThrowIfNull(creators);
        FreezeUsers();
        if (_stage > Stage.Creators)
        {
            throw new InvalidOperationException($"Creators were added after videos, follows, live sessions or products: add every creator before them ({Sequence}).");
        }

        foreach (var creator in creators)
        {
            _creatorsSeen++;
            if (_policy.Related.Creators && IncludesUser(creator.UserId))
            {
                _travellingCreators.Add(creator.Id);
                _creatorOwners.Add(creator.UserId);
            }
        }

        return this;
    }

    /// <summary>A video travels with its creator.</summary>
    public ResidentSetBuilder AddVideos(IEnumerable<Video> videos)
    {
        ArgumentNullException.ThrowIfNull(videos);
        FreezeCreators();
        foreach (var video in videos)
        {
            _videosSeen++;
            _videosIncluded += _policy.Related.Videos && CreatorIndex(video.CreatorId) >= 0 ? 1 : 0;
        }

        return this;
    }

    /// <summary>A live session travels with its creator.</summary>
    public ResidentSetBuilder AddLiveSessions(IEnumerable<LiveSession> sessions)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        FreezeCreators();
        foreach (var session in sessions)
        {
            _liveSeen++;
            _liveIncluded += _policy.Related.LiveSessions && CreatorIndex(session.CreatorId) >= 0 ? 1 : 0;
        }

        return this;
    }

    /// <summary>A product travels with its creator (orders of it travel with their buyers).</summary>
    public ResidentSetBuilder AddProducts(IEnumerable<Product> products)
    {
        ArgumentNullException.ThrowIfNull(products);
        FreezeCreators();
        foreach (var product in products)
        {
            _productsSeen++;
            _productsIncluded += _policy.Related.Products && CreatorIndex(product.CreatorId) >= 0 ? 1 : 0;
        }

        return this;
    }

    /// <summary>
    /// A follow travels with its follower, also when the creator stays. A follow of a travelling creator counts in that
    /// creator's audience either way; when the follower stays, the row stays too. Add each follow once.
    /// </summary>
    public ResidentSetBuilder AddFollows(IEnumerable<Follow> follows)
    {
        ArgumentNullException.ThrowIfNull(follows);
        FreezeCreators();
        foreach (var follow in follows)
        {
            _followsSeen++;
            var followerTravels = IncludesUser(follow.FollowerId);
            var creator = CreatorIndex(follow.CreatorId);
            var included = _policy.Related.Follows && followerTravels;
            _followsIncluded += included ? 1 : 0;
            _followsOfForeignCreators += included && creator < 0 ? 1 : 0;
            if (creator >= 0)
            {
                _totalFollowers[creator]++;
                _residentFollowers[creator] += followerTravels ? 1 : 0;
                _followsLeftBehind += followerTravels ? 0 : 1;
            }
        }

        return this;
    }

    /// <summary>Finishes the set and its report. The builder cannot be used afterwards.</summary>
    public ResidentSet Build()
    {
        FreezeCreators();
        _stage = Stage.Built;
        var report = new ResidencyReport(
            _policy,
            _classifier,
            users: _userCount,
            residents: _residents,
            nonResidents: _nonResidents,
            conflicts: _conflicts,
            conflictsIncluded: _conflictsIncluded,
            creators: new RowCount(_creatorsSeen, _creators.Length),
            videos: new RowCount(_videosSeen, _videosIncluded),
            liveSessions: new RowCount(_liveSeen, _liveIncluded),
            products: new RowCount(_productsSeen, _productsIncluded),
            follows: new RowCount(_followsSeen, _followsIncluded),
            events: new RowCount(_eventsSeen, _eventsIncluded),
            orders: new RowCount(_ordersSeen, _ordersIncluded),
            followsOfForeignCreators: _followsOfForeignCreators,
            followsLeftBehind: _followsLeftBehind,
            conflictSample: [.. _conflictSample],
            conflictLog: _conflictLog,
            audiences: new AudienceList(_creators, _owners, _residentFollowers, _totalFollowers));
        return new ResidentSet(_classifier, _users, _creators, report);
    }

    private int CreatorIndex(long creatorId) => Array.BinarySearch(_creators, creatorId);

    /// <summary>Ends the creator phase: sorts travelling creators (with their owners), checks repeats, sizes the audience counters.</summary>
    private void FreezeCreators()
    {
        FreezeUsers();
        if (_stage >= Stage.Rows)
        {
            return;
        }

        _creators = [.. _travellingCreators];
        _owners = [.. _creatorOwners];
        _travellingCreators.Clear();
        _creatorOwners.Clear();
        Array.Sort(_creators, _owners);
        for (var i = 1; i < _creators.Length; i++)
        {
            if (_creators[i] == _creators[i - 1])
            {
                throw new InvalidOperationException($"Creator {_creators[i]} was added twice; add each creator once.");
            }
        }

        _residentFollowers = new int[_creators.Length];
        _totalFollowers = new int[_creators.Length];
        _stage = Stage.Rows;
    }
}
