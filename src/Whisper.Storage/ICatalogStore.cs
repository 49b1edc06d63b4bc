using Whisper.Core.Domain;

namespace Whisper.Storage;

/// <summary>
/// Catalog, profiles and commerce rows. Upserts are batched and atomic per call (a batch is stored whole
/// or not at all); a row with an existing id replaces it. List calls page by id: pass the last id seen.
/// Every upserted row also appends one <see cref="CatalogChange"/> to the catalog change feed, in the same
/// transaction, so CDC can tail the catalog by position the way it tails <see cref="IEventLog"/>.
/// </summary>
public interface ICatalogStore
{
    Task UpsertUsersAsync(IReadOnlyList<User> users, CancellationToken cancellationToken = default);
    Task UpsertCreatorsAsync(IReadOnlyList<Creator> creators, CancellationToken cancellationToken = default);
    Task UpsertVideosAsync(IReadOnlyList<Video> videos, CancellationToken cancellationToken = default);
    Task UpsertFollowsAsync(IReadOnlyList<Follow> follows, CancellationToken cancellationToken = default);
    Task UpsertLiveSessionsAsync(IReadOnlyList<LiveSession> sessions, CancellationToken cancellationToken = default);
    Task UpsertProductsAsync(IReadOnlyList<Product> products, CancellationToken cancellationToken = default);
    Task UpsertOrdersAsync(IReadOnlyList<Order> orders, CancellationToken cancellationToken = default);

    Task<User?> GetUserAsync(long id, CancellationToken cancellationToken = default);
    Task<Creator?> GetCreatorAsync(long id, CancellationToken cancellationToken = default);
    Task<Video?> GetVideoAsync(long id, CancellationToken cancellationToken = default);
    Task<LiveSession?> GetLiveSessionAsync(long id, CancellationToken cancellationToken = default);
    Task<Product?> GetProductAsync(long id, CancellationToken cancellationToken = default);
    Task<Order?> GetOrderAsync(long id, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<User>> ListUsersAsync(long afterId, int limit, CancellationToken cancellationToken = default);
    Task<IReadOnlyList<Creator>> ListCreatorsAsync(long afterId, int limit, CancellationToken cancellationToken = default);
    Task<IReadOnlyList<Video>> ListVideosAsync(long afterId, int limit, CancellationToken cancellationToken = default);
    Task<IReadOnlyList<Video>> ListVideosByCreatorAsync(long creatorId, long afterId, int limit, CancellationToken cancellationToken = default);
    Task<IReadOnlyList<Follow>> ListFollowsAsync(long followerId, CancellationToken cancellationToken = default);

    /// <summary>All follows in (follower, creator) order, a page at a time: pass the last pair seen (0, 0 to start).</summary>
    Task<IReadOnlyList<Follow>> ListFollowsPageAsync(long afterFollowerId, long afterCreatorId, int limit, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<LiveSession>> ListLiveSessionsAsync(long afterId, int limit, CancellationToken cancellationToken = default);
    Task<IReadOnlyList<Product>> ListProductsAsync(long afterId, int limit, CancellationToken cancellationToken = default);
    Task<IReadOnlyList<Order>> ListOrdersAsync(long afterId, int limit, CancellationToken cancellationToken = default);

    Task<CatalogCounts> CountAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads up to <paramref name="maxCount"/> catalog changes with sequence greater than <paramref name="afterPosition"/>,
    /// in order, into <paramref name="into"/>; returns how many were added. Sequences start at 1, rise by one per
    /// upserted row, and are assigned in commit order: a reader that has consumed up to position p never later finds
    /// a change at or below p. One upsert call's changes are one contiguous run, in batch order.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="afterPosition"/> is negative or <paramref name="maxCount"/> is not positive.</exception>
    Task<int> ReadChangesAsync(long afterPosition, int maxCount, List<CatalogChange> into, CancellationToken cancellationToken = default);

    /// <summary>The highest catalog change sequence stored, 0 when there is none.</summary>
    Task<long> GetChangeHeadAsync(CancellationToken cancellationToken = default);
}

/// <summary>Row counts per table, for verification and the demo's summary.</summary>
public sealed record CatalogCounts(long Users, long Creators, long Videos, long Follows, long LiveSessions, long Products, long Orders);
