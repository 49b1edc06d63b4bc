using Whisper.Core.Domain;
using Whisper.Storage.Events;

namespace Whisper.Storage.Catalog;

/// <summary>
/// <see cref="ICatalogStore"/> for both providers: validation and reads are shared, the provider supplies the
/// batched upsert. Every upsert checks the whole batch first, then writes it, and one change-feed row per upserted
/// row, in one transaction.
/// </summary>
internal sealed class CatalogStore(ICatalogWriter writer, CatalogQueries queries) : ICatalogStore, IAppendFaultHook
{
    /// <summary>Test seam, forwarded to the provider's writer: runs after a batch and its changes are written, before the commit.</summary>
    public Action? BeforeCommit
    {
        get => writer.BeforeCommit;
        set => writer.BeforeCommit = value;
    }

    public Task UpsertUsersAsync(IReadOnlyList<User> users, CancellationToken cancellationToken = default) =>
        UpsertAsync(CatalogTables.Users, users, nameof(users), cancellationToken);

    public Task UpsertCreatorsAsync(IReadOnlyList<Creator> creators, CancellationToken cancellationToken = default) =>
        UpsertAsync(CatalogTables.Creators, creators, nameof(creators), cancellationToken);

    public Task UpsertVideosAsync(IReadOnlyList<Video> videos, CancellationToken cancellationToken = default) =>
        UpsertAsync(CatalogTables.Videos, videos, nameof(videos), cancellationToken);

    public Task UpsertFollowsAsync(IReadOnlyList<Follow> follows, CancellationToken cancellationToken = default) =>
        UpsertAsync(CatalogTables.Follows, follows, nameof(follows), cancellationToken);

    public Task UpsertLiveSessionsAsync(IReadOnlyList<LiveSession> sessions, CancellationToken cancellationToken = default) =>
        UpsertAsync(CatalogTables.LiveSessions, sessions, nameof(sessions), cancellationToken);

    public Task UpsertProductsAsync(IReadOnlyList<Product> products, CancellationToken cancellationToken = default) =>
        UpsertAsync(CatalogTables.Products, products, nameof(products), cancellationToken);

    public Task UpsertOrdersAsync(IReadOnlyList<Order> orders, CancellationToken cancellationToken = default) =>
        UpsertAsync(CatalogTables.Orders, orders, nameof(orders), cancellationToken);

    public Task<User?> GetUserAsync(long id, CancellationToken cancellationToken = default) =>
        queries.GetAsync(CatalogTables.Users, id, cancellationToken);

    public Task<Creator?> GetCreatorAsync(long id, CancellationToken cancellationToken = default) =>
        queries.GetAsync(CatalogTables.Creators, id, cancellationToken);

    public Task<Video?> GetVideoAsync(long id, CancellationToken cancellationToken = default) =>
        queries.GetAsync(CatalogTables.Videos, id, cancellationToken);

    public Task<LiveSession?> GetLiveSessionAsync(long id, CancellationToken cancellationToken = default) =>
        queries.GetAsync(CatalogTables.LiveSessions, id, cancellationToken);

    public Task<Product?> GetProductAsync(long id, CancellationToken cancellationToken = default) =>
        queries.GetAsync(CatalogTables.Products, id, cancellationToken);

    public Task<Order?> GetOrderAsync(long id, CancellationToken cancellationToken = default) =>
        queries.GetAsync(CatalogTables.Orders, id, cancellationToken);

    public Task<IReadOnlyList<User>> ListUsersAsync(long afterId, int limit, CancellationToken cancellationToken = default) =>
        queries.ListAsync(CatalogTables.Users, afterId, limit, cancellationToken);

    public Task<IReadOnlyList<Creator>> ListCreatorsAsync(long afterId, int limit, CancellationToken cancellationToken = default) =>
        queries.ListAsync(CatalogTables.Creators, afterId, limit, cancellationToken);

    public Task<IReadOnlyList<Video>> ListVideosAsync(long afterId, int limit, CancellationToken cancellationToken = default) =>
        queries.ListAsync(CatalogTables.Videos, afterId, limit, cancellationToken);

    public Task<IReadOnlyList<Video>> ListVideosByCreatorAsync(long creatorId, long afterId, int limit, CancellationToken cancellationToken = default) =>
        queries.ListWhereAsync(CatalogTables.Videos, "creator_id", creatorId, afterId, limit, cancellationToken);

    public Task<IReadOnlyList<Follow>> ListFollowsAsync(long followerId, CancellationToken cancellationToken = default) =>
        queries.ListAllWhereAsync(CatalogTables.Follows, "follower_id", followerId, "creator_id", cancellationToken);

    public Task<IReadOnlyList<Follow>> ListFollowsPageAsync(long afterFollowerId, long afterCreatorId, int limit, CancellationToken cancellationToken = default) =>
        queries.ListByPairAsync(CatalogTables.Follows, afterFollowerId, afterCreatorId, limit, cancellationToken);

    public Task<IReadOnlyList<LiveSession>> ListLiveSessionsAsync(long afterId, int limit, CancellationToken cancellationToken = default) =>
        queries.ListAsync(CatalogTables.LiveSessions, afterId, limit, cancellationToken);

    public Task<IReadOnlyList<Product>> ListProductsAsync(long afterId, int limit, CancellationToken cancellationToken = default) =>
        queries.ListAsync(CatalogTables.Products, afterId, limit, cancellationToken);

    public Task<IReadOnlyList<Order>> ListOrdersAsync(long afterId, int limit, CancellationToken cancellationToken = default) =>
        queries.ListAsync(CatalogTables.Orders, afterId, limit, cancellationToken);

    public Task<int> ReadChangesAsync(long afterPosition, int maxCount, List<CatalogChange> into, CancellationToken cancellationToken = default) =>
        queries.ReadChangesAsync(afterPosition, maxCount, into, cancellationToken);

    public Task<long> GetChangeHeadAsync(CancellationToken cancellationToken = default) => queries.GetChangeHeadAsync(cancellationToken);

    public Task<CatalogCounts> CountAsync(CancellationToken cancellationToken = default) => queries.CountAsync(cancellationToken);

    private Task UpsertAsync<T>(CatalogTable<T> table, IReadOnlyList<T> rows, string parameterName, CancellationToken ct)
        where T : class
    {
        table.ValidateBatch(rows, parameterName);
        return rows.Count == 0 ? Task.CompletedTask : writer.UpsertAsync(table, rows, ct);
    }
}
