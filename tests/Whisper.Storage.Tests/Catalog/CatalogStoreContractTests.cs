using Whisper.Core.Domain;
using Whisper.Storage.Tests.Infrastructure;

namespace Whisper.Storage.Tests.Catalog;

/// <summary>The <see cref="ICatalogStore"/> contract, run against every provider by the concrete subclasses.</summary>
public abstract class CatalogStoreContractTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeMilliseconds(1_767_225_600_123);

    private StoreTarget? _target;
    private IWhisperStore? _store;

    protected ICatalogStore Catalog => _store!.Catalog;

    public async Task InitializeAsync()
    {
        _target = CreateTarget();
        _store = await _target.OpenAsync();
    }

    public async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        if (_target is not null)
        {
            await _target.DisposeAsync();
        }
    }

    protected abstract StoreTarget CreateTarget();

    [ContractFact]
    public async Task Users_UpsertThenGet_RoundTripsAndReplacesOnSameId()
    {
        var ana = new User(1, "ana", "US", "203.0.113.7", "US", "US", T0);
        var bo = new User(2, "bo", "DE", "2001:db8::1", "DE", "FR", T0.AddDays(1));
        await Catalog.UpsertUsersAsync([ana, bo]);
        var moved = ana with { ResidenceCountry = "CA", Handle = "ana2" };
        await Catalog.UpsertUsersAsync([moved]);

        Assert.Equal(moved, await Catalog.GetUserAsync(1));
        Assert.Equal(bo, await Catalog.GetUserAsync(2));
        Assert.Null(await Catalog.GetUserAsync(3));
        Assert.Equal(2, (await Catalog.CountAsync()).Users);
    }

    [ContractFact]
    public async Task Creators_UpsertThenGet_RoundTrips()
    {
        var c = new Creator(10, 1, "Chef Ana", "US", T0);
        await Catalog.UpsertCreatorsAsync([c]);
        await Catalog.UpsertCreatorsAsync([c with { DisplayName = "Ana Cooks" }]);

        Assert.Equal(c with { DisplayName = "Ana Cooks" }, await Catalog.GetCreatorAsync(10));
        Assert.Equal([c with { DisplayName = "Ana Cooks" }], await Catalog.ListCreatorsAsync(0, 10));
    }

    [ContractFact]
    public async Task Videos_UpsertThenGet_RoundTripsHashtagsAndListsByCreator()
    {
        Video[] videos =
        [
            new(1, 10, 15_000, T0, ["cooking", "food"], "en", "us"),
            new(2, 11, 30_000, T0.AddHours(1), [], "de", "eu"),
            new(3, 10, 9_000, T0.AddHours(2), ["comma,inside", "\"quoted\"", "ünï"], "en", "us"),
            new(4, 10, 9_000, T0.AddHours(3), ["x"], "en", "us"),
        ];
        await Catalog.UpsertVideosAsync(videos);

        foreach (var v in videos)
        {
            AssertSameVideo(v, await Catalog.GetVideoAsync(v.Id));
        }

        var first = await Catalog.ListVideosByCreatorAsync(10, 0, 2);
        Assert.Equal([1L, 3L], first.Select(v => v.Id));
        var second = await Catalog.ListVideosByCreatorAsync(10, 3, 2);
        Assert.Equal([4L], second.Select(v => v.Id));
        Assert.Empty(await Catalog.ListVideosByCreatorAsync(99, 0, 10));

        await Catalog.UpsertVideosAsync([videos[0] with { Hashtags = ["baking"], DurationMs = 1 }]);
        AssertSameVideo(videos[0] with { Hashtags = ["baking"], DurationMs = 1 }, await Catalog.GetVideoAsync(1));
    }

    [ContractFact]
    public async Task Follows_Upsert_KeyedByPairAndListedByFollower()
    {
        await Catalog.UpsertFollowsAsync([new Follow(1, 30, T0), new Follow(1, 20, T0), new Follow(2, 20, T0)]);
        await Catalog.UpsertFollowsAsync([new Follow(1, 30, T0.AddDays(1))]);

        Assert.Equal([new Follow(1, 20, T0), new Follow(1, 30, T0.AddDays(1))], await Catalog.ListFollowsAsync(1));
        Assert.Equal([new Follow(2, 20, T0)], await Catalog.ListFollowsAsync(2));
        Assert.Empty(await Catalog.ListFollowsAsync(3));
        Assert.Equal(3, (await Catalog.CountAsync()).Follows);
    }

    [ContractFact]
    public async Task ListFollowsPage_PagesThroughEveryFollowInKeyOrder()
    {
        await Catalog.UpsertFollowsAsync([new Follow(2, 5, T0), new Follow(1, 30, T0), new Follow(1, 20, T0), new Follow(3, 1, T0), new Follow(2, 7, T0)]);

        var first = await Catalog.ListFollowsPageAsync(0, 0, 2);
        var last = first[^1];
        var second = await Catalog.ListFollowsPageAsync(last.FollowerId, last.CreatorId, 2);
        last = second[^1];
        var third = await Catalog.ListFollowsPageAsync(last.FollowerId, last.CreatorId, 2);

        Assert.Equal([(1L, 20L), (1L, 30L)], first.Select(f => (f.FollowerId, f.CreatorId)));
        Assert.Equal([(2L, 5L), (2L, 7L)], second.Select(f => (f.FollowerId, f.CreatorId)));
        Assert.Equal([(3L, 1L)], third.Select(f => (f.FollowerId, f.CreatorId)));
        Assert.Empty(await Catalog.ListFollowsPageAsync(3, 1, 2));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Catalog.ListFollowsPageAsync(0, 0, 0));
    }

    [ContractFact]
    public async Task LiveSessions_UpsertThenGet_RoundTripsOpenAndEndedSessions()
    {
        var live = new LiveSession(1, 10, T0, null, 0);
        var ended = new LiveSession(2, 10, T0, T0.AddMinutes(30), 1_234);
        await Catalog.UpsertLiveSessionsAsync([live, ended]);

        Assert.Equal(live, await Catalog.GetLiveSessionAsync(1));
        Assert.Equal(ended, await Catalog.GetLiveSessionAsync(2));

        await Catalog.UpsertLiveSessionsAsync([live with { EndedAt = T0.AddHours(1), PeakViewers = 9 }]);
        Assert.Equal(live with { EndedAt = T0.AddHours(1), PeakViewers = 9 }, await Catalog.GetLiveSessionAsync(1));
        Assert.Equal([1L, 2L], (await Catalog.ListLiveSessionsAsync(0, 10)).Select(s => s.Id));
    }

    [ContractFact]
    public async Task ProductsAndOrders_UpsertThenGet_RoundTrip()
    {
        var product = new Product(5, 10, "Knife", 2_999, "USD");
        var order = new Order(7, 1, 5, 2, 5_998, "USD", "US", T0);
        await Catalog.UpsertProductsAsync([product]);
        await Catalog.UpsertOrdersAsync([order]);
        await Catalog.UpsertOrdersAsync([order with { Quantity = 3, TotalMinor = 8_997 }]);

        Assert.Equal(product, await Catalog.GetProductAsync(5));
        Assert.Equal([product], await Catalog.ListProductsAsync(0, 10));
        Assert.Equal(order with { Quantity = 3, TotalMinor = 8_997 }, await Catalog.GetOrderAsync(7));
        Assert.Null(await Catalog.GetOrderAsync(8));
    }

    [ContractFact]
    public async Task ListUsersAsync_Paging_AfterIdIsExclusive()
    {
        await Catalog.UpsertUsersAsync(Enumerable.Range(1, 25).Reverse().Select(i => new User(i, $"u{i}", "US", "::1", "US", "US", T0)).ToArray());

        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), (await Catalog.ListUsersAsync(0, 10)).Select(u => u.Id));
        Assert.Equal(Enumerable.Range(11, 10).Select(i => (long)i), (await Catalog.ListUsersAsync(10, 10)).Select(u => u.Id));
        Assert.Equal(Enumerable.Range(21, 5).Select(i => (long)i), (await Catalog.ListUsersAsync(20, 10)).Select(u => u.Id));
        Assert.Empty(await Catalog.ListUsersAsync(25, 10));
        Assert.Equal(25, (await Catalog.ListUsersAsync(0, 10_000)).Count);
    }

    [ContractFact]
    public async Task ListOrdersAsync_Paging_InIdOrderAndAfterIdIsExclusive()
    {
        var orders = Enumerable.Range(1, 12).Reverse().Select(i => new Order(i * 10, 1 + (i % 3), 5, i, 100L * i, "USD", "US", T0.AddMinutes(i))).ToArray();
        await Catalog.UpsertOrdersAsync(orders);

        var first = await Catalog.ListOrdersAsync(0, 5);
        var second = await Catalog.ListOrdersAsync(first[^1].Id, 5);
        var third = await Catalog.ListOrdersAsync(second[^1].Id, 5);

        Assert.Equal([10L, 20L, 30L, 40L, 50L], first.Select(o => o.Id));
        Assert.Equal([60L, 70L, 80L, 90L, 100L], second.Select(o => o.Id));
        Assert.Equal([110L, 120L], third.Select(o => o.Id));
        Assert.Empty(await Catalog.ListOrdersAsync(120, 5));
        Assert.Equal([110L, 120L], (await Catalog.ListOrdersAsync(105, 5)).Select(o => o.Id));
        Assert.Equal(orders.OrderBy(o => o.Id), first.Concat(second).Concat(third));
    }

    [ContractFact]
    public async Task ListMethods_LimitOutside1To10000_Throw()
    {
        foreach (var limit in new[] { 0, -1, 10_001 })
        {
            await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Catalog.ListUsersAsync(0, limit));
            await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Catalog.ListCreatorsAsync(0, limit));
            await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Catalog.ListVideosAsync(0, limit));
            await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Catalog.ListVideosByCreatorAsync(1, 0, limit));
            await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Catalog.ListLiveSessionsAsync(0, limit));
            await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Catalog.ListProductsAsync(0, limit));
            await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Catalog.ListOrdersAsync(0, limit));
        }
    }

    [ContractFact]
    public async Task UpsertUsersAsync_SameIdTwiceInBatch_LastCopyWins()
    {
        var first = new User(1, "first", "US", "::1", "US", "US", T0);
        await Catalog.UpsertUsersAsync([first, first with { Handle = "second" }]);

        Assert.Equal("second", (await Catalog.GetUserAsync(1))!.Handle);
        Assert.Equal(1, (await Catalog.CountAsync()).Users);
    }

    [ContractFact]
    public async Task UpsertUsersAsync_InvalidRow_ThrowsAndStoresNothing()
    {
        User[] batch = [new User(1, "ok", "US", "::1", "US", "US", T0), new User(0, "bad", "US", "::1", "US", "US", T0)];

        var error = await Assert.ThrowsAsync<ArgumentException>(() => Catalog.UpsertUsersAsync(batch));

        Assert.Contains("users[1]", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, (await Catalog.CountAsync()).Users);
    }

    [ContractFact]
    public async Task CountAsync_EveryTable_CountsRows()
    {
        await Catalog.UpsertUsersAsync([new User(1, "a", "US", "::1", "US", "US", T0)]);
        await Catalog.UpsertCreatorsAsync([new Creator(1, 1, "a", "US", T0), new Creator(2, 1, "b", "US", T0)]);
        await Catalog.UpsertVideosAsync([new Video(1, 1, 1, T0, [], "en", "us")]);
        await Catalog.UpsertFollowsAsync([new Follow(1, 1, T0), new Follow(1, 2, T0)]);
        await Catalog.UpsertLiveSessionsAsync([new LiveSession(1, 1, T0, null, 0)]);
        await Catalog.UpsertProductsAsync([new Product(1, 1, "p", 1, "USD")]);
        await Catalog.UpsertOrdersAsync([new Order(1, 1, 1, 1, 1, "USD", "US", T0), new Order(2, 1, 1, 1, 1, "USD", "US", T0)]);

        Assert.Equal(new CatalogCounts(1, 2, 1, 2, 1, 1, 2), await Catalog.CountAsync());
    }

    [ContractFact]
    public async Task UpsertVideosAsync_LargeBatch_StoresAll()
    {
        var videos = Enumerable.Range(1, 2_500).Select(i => new Video(i, 1 + (i % 7), 1_000 + i, T0.AddSeconds(i), ["t" + (i % 13)], "en", "us")).ToArray();

        await Catalog.UpsertVideosAsync(videos);

        Assert.Equal(2_500, (await Catalog.CountAsync()).Videos);
        AssertSameVideo(videos[1_234], await Catalog.GetVideoAsync(videos[1_234].Id));
        Assert.Equal(1_000, (await Catalog.ListVideosAsync(1_000, 1_000)).Count);
    }

    private static void AssertSameVideo(Video expected, Video? actual)
    {
        Assert.NotNull(actual);
        IReadOnlyList<string> none = Array.Empty<string>();
        Assert.Equal(expected with { Hashtags = none }, actual with { Hashtags = none });
        Assert.Equal(expected.Hashtags, actual.Hashtags);
    }
}
