using Whisper.Core.Domain;
using Whisper.Storage.Tests.Infrastructure;

namespace Whisper.Storage.Tests.Catalog;

/// <summary><see cref="IStoreEraser"/> on every provider (the origin purge's deletions, docs/purge.md).</summary>
public abstract class StoreEraserContractTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeMilliseconds(1_767_225_600_123);

    private StoreTarget? _target;

    protected IWhisperStore Store { get; private set; } = null!;

    private IStoreEraser Eraser => WhisperStores.EraserOf(Store);

    public async Task InitializeAsync()
    {
        _target = CreateTarget();
        Store = await _target.OpenAsync();
    }

    public async Task DisposeAsync()
    {
        if (Store is not null)
        {
            await Store.DisposeAsync();
        }

        if (_target is not null)
        {
            await _target.DisposeAsync();
        }
    }

    protected abstract StoreTarget CreateTarget();

    [ContractFact]
    public async Task EraseCatalogAsync_ResidentUserAndCreator_RemovesTheirRowsAndRelatedRowsOnly()
    {
        await SeedAsync();

        var erased = await Eraser.EraseCatalogAsync([1], [10], ErasureRules.All);

        Assert.Equal(new CatalogErasure(Users: 1, Creators: 1, Videos: 1, Follows: 2, LiveSessions: 1, Products: 1, Orders: 1), erased);
        Assert.Null(await Store.Catalog.GetUserAsync(1));
        Assert.Null(await Store.Catalog.GetCreatorAsync(10));
        Assert.Null(await Store.Catalog.GetVideoAsync(30));
        Assert.Null(await Store.Catalog.GetLiveSessionAsync(40));
        Assert.Null(await Store.Catalog.GetProductAsync(50));
        Assert.Null(await Store.Catalog.GetOrderAsync(60));
        Assert.Empty(await Store.Catalog.ListFollowsAsync(1));

        // The other user, creator and their rows are untouched; user 2's follow of the erased creator 10 goes with it.
        Assert.NotNull(await Store.Catalog.GetUserAsync(2));
        Assert.NotNull(await Store.Catalog.GetCreatorAsync(11));
        Assert.NotNull(await Store.Catalog.GetVideoAsync(31));
        Assert.NotNull(await Store.Catalog.GetOrderAsync(61));
        Assert.Equal([new Follow(2, 11, T0)], await Store.Catalog.ListFollowsAsync(2));
        Assert.Equal(new CatalogCounts(1, 1, 1, 1, 0, 0, 1), await Store.Catalog.CountAsync());
    }

    [ContractFact]
    public async Task EraseCatalogAsync_DeletedRows_AppendOneChangePerRowAfterTheHead()
    {
        await SeedAsync();
        var head = await Store.Catalog.GetChangeHeadAsync();

        var erased = await Eraser.EraseCatalogAsync([1], [10], ErasureRules.All);

        var changes = new List<CatalogChange>();
        await Store.Catalog.ReadChangesAsync(head, 100, changes);
        Assert.Equal(erased.Total, changes.Count);
        Assert.Equal(Enumerable.Range(1, changes.Count).Select(i => head + i), changes.Select(c => c.Sequence));
        Assert.Contains(new CatalogChange(0, CatalogTableKind.Users, 1, 0), changes.Select(c => c with { Sequence = 0 }));
        Assert.Contains(new CatalogChange(0, CatalogTableKind.Follows, 2, 10), changes.Select(c => c with { Sequence = 0 }));
        Assert.Contains(new CatalogChange(0, CatalogTableKind.Videos, 30, 0), changes.Select(c => c with { Sequence = 0 }));
    }

    [ContractFact]
    public async Task EraseCatalogAsync_Repeated_DeletesNothingMoreAndAppendsNoChange()
    {
        await SeedAsync();
        await Eraser.EraseCatalogAsync([1], [10], ErasureRules.All);
        var head = await Store.Catalog.GetChangeHeadAsync();

        Assert.Equal(default, await Eraser.EraseCatalogAsync([1], [10], ErasureRules.All));
        Assert.Equal(head, await Store.Catalog.GetChangeHeadAsync());
    }

    [ContractFact]
    public async Task EraseCatalogAsync_RulesOff_KeepsTheRelatedRows()
    {
        await SeedAsync();

        var erased = await Eraser.EraseCatalogAsync([1], [10], new ErasureRules(Follows: false, Orders: false, Videos: false, LiveSessions: true, Products: false));

        Assert.Equal(new CatalogErasure(Users: 1, Creators: 1, Videos: 0, Follows: 1, LiveSessions: 1, Products: 0, Orders: 0), erased);
        Assert.NotNull(await Store.Catalog.GetVideoAsync(30));
        Assert.NotNull(await Store.Catalog.GetOrderAsync(60));
        Assert.Equal([new Follow(1, 11, T0)], await Store.Catalog.ListFollowsAsync(1));
    }

    [ContractFact]
    public async Task EraseCatalogAsync_BadIds_ThrowsAndErasesNothing()
    {
        await SeedAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => Eraser.EraseCatalogAsync([1, 0], [], ErasureRules.All));
        await Assert.ThrowsAsync<ArgumentException>(() => Eraser.EraseCatalogAsync(Enumerable.Range(1, IStoreEraser.MaxIdsPerCall + 1).Select(i => (long)i).ToArray(), [], ErasureRules.All));
        Assert.NotNull(await Store.Catalog.GetUserAsync(1));
    }

    [ContractFact]
    public async Task EraseEventsAsync_Window_RemovesOnlyThoseUsersEventsInsideIt()
    {
        await Store.Events.AppendAsync([Event(1), Event(2), Event(1), Event(2), Event(1), Event(2)]);

        Assert.Equal(1, await Eraser.EraseEventsAsync([1], 0, 2));
        Assert.Equal(1, await Eraser.EraseEventsAsync([1], 2, 4));

        var left = new List<LoggedEvent>();
        await Store.Events.ReadAsync(0, 100, left);
        Assert.Equal([2L, 4, 5, 6], left.Select(e => e.Sequence));
        Assert.Equal([2L, 2, 1, 2], left.Select(e => e.Event.UserId));
        Assert.Equal(0, await Eraser.EraseEventsAsync([1], 0, 4));
    }

    [ContractFact]
    public async Task EraseEventsAsync_HeadEventErased_HeadNeverMovesBackAndNewEventsNumberAboveIt()
    {
        await Store.Events.AppendAsync([Event(2), Event(1), Event(1)]);

        Assert.Equal(2, await Eraser.EraseEventsAsync([1], 0, 3));
        Assert.Equal(3, await Store.Events.GetHeadAsync());

        var appended = await Store.Events.AppendAsync([Event(2)]);
        Assert.Equal(4, appended.FirstSequence);
        var all = new List<LoggedEvent>();
        await Store.Events.ReadAsync(0, 10, all);
        Assert.Equal([1L, 4], all.Select(e => e.Sequence));
    }

    [ContractFact]
    public async Task EraseEventsAsync_BackwardsWindow_Throws()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Eraser.EraseEventsAsync([1], 5, 4));
        await Assert.ThrowsAsync<ArgumentException>(() => Eraser.EraseEventsAsync([-1], 0, 4));
    }

    private static EngagementEvent Event(long userId) => new(Guid.CreateVersion7(), userId, 30, EventKind.View, T0, 1_000);

    /// <summary>Users 1 and 2; creator 10 (user 1) and 11 (user 2), each with a video; follows both ways; an order each.</summary>
    private async Task SeedAsync()
    {
        await Store.Catalog.UpsertUsersAsync([User(1), User(2)]);
        await Store.Catalog.UpsertCreatorsAsync([new Creator(10, 1, "a", "US", T0), new Creator(11, 2, "b", "DE", T0)]);
        await Store.Catalog.UpsertVideosAsync([new Video(30, 10, 1_000, T0, [], "en", "us"), new Video(31, 11, 1_000, T0, [], "de", "eu")]);
        await Store.Catalog.UpsertFollowsAsync([new Follow(1, 11, T0), new Follow(2, 10, T0), new Follow(2, 11, T0)]);
        await Store.Catalog.UpsertLiveSessionsAsync([new LiveSession(40, 10, T0, null, 3)]);
        await Store.Catalog.UpsertProductsAsync([new Product(50, 10, "p", 100, "USD")]);
        await Store.Catalog.UpsertOrdersAsync([new Order(60, 1, 50, 1, 100, "USD", "US", T0), new Order(61, 2, 50, 1, 100, "USD", "DE", T0)]);
    }

    private static User User(long id) => new(id, "u" + id, "US", "10.0.0.1", "US", "US", T0);
}
