using Whisper.Core.Domain;

namespace Whisper.Storage;

/// <summary>
/// Catalog, profiles and commerce rows. Upserts are batched and atomic per call (a batch is stored whole
/// or not at all); a row with an existing id replaces it. List calls page by id: pass the last id seen.
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

    Task<CatalogCounts> CountAsync(CancellationToken cancellationToken = default);
}

/// <summary>Row counts per table, for verification and the demo's summary.</summary>
public sealed record CatalogCounts(long Users, long Creators, long Videos, long Follows, long LiveSessions, long Products, long Orders);
