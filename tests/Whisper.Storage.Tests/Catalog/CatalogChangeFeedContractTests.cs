using Whisper.Core.Domain;
using Whisper.Storage.Events;
using Whisper.Storage.Tests.Infrastructure;

namespace Whisper.Storage.Tests.Catalog;

/// <summary>
/// The catalog change feed (<see cref="ICatalogStore.ReadChangesAsync"/>, <see cref="ICatalogStore.GetChangeHeadAsync"/>),
/// run against every provider by the concrete subclasses.
/// </summary>
public abstract class CatalogChangeFeedContractTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeMilliseconds(1_767_225_600_123);

    private StoreTarget? _target;

    protected IWhisperStore Store { get; private set; } = null!;

    protected ICatalogStore Catalog => Store.Catalog;

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
    public async Task GetChangeHeadAsync_EmptyStore_IsZeroAndNothingToRead()
    {
        Assert.Equal(0, await Catalog.GetChangeHeadAsync());
        Assert.Equal(0, await Catalog.ReadChangesAsync(0, 10, []));
    }

    [ContractFact]
    public async Task UpsertAsync_EveryTable_AppendsOneChangePerRowWithItsKeysInCommitOrder()
    {
        await Catalog.UpsertUsersAsync([UserRow(2), UserRow(1)]);
        await Catalog.UpsertCreatorsAsync([new Creator(10, 1, "c", "US", T0)]);
        await Catalog.UpsertVideosAsync([new Video(30, 10, 1_000, T0, ["x"], "en", "us")]);
        await Catalog.UpsertFollowsAsync([new Follow(2, 10, T0), new Follow(1, 10, T0)]);
        await Catalog.UpsertLiveSessionsAsync([new LiveSession(40, 10, T0, null, 0)]);
        await Catalog.UpsertProductsAsync([new Product(50, 10, "p", 100, "USD")]);
        await Catalog.UpsertOrdersAsync([new Order(61, 1, 50, 1, 100, "USD", "US", T0), new Order(60, 2, 50, 1, 100, "USD", "US", T0)]);

        CatalogChange[] expected =
        [
            new(1, CatalogTableKind.Users, 2, 0),
            new(2, CatalogTableKind.Users, 1, 0),
            new(3, CatalogTableKind.Creators, 10, 0),
            new(4, CatalogTableKind.Videos, 30, 0),
            new(5, CatalogTableKind.Follows, 2, 10),
            new(6, CatalogTableKind.Follows, 1, 10),
            new(7, CatalogTableKind.LiveSessions, 40, 0),
            new(8, CatalogTableKind.Products, 50, 0),
            new(9, CatalogTableKind.Orders, 61, 0),
            new(10, CatalogTableKind.Orders, 60, 0),
        ];
        Assert.Equal(expected, await ReadAllChangesAsync());
        Assert.Equal(10, await Catalog.GetChangeHeadAsync());
    }

    [ContractFact]
    public async Task UpsertAsync_SameKeyAgain_AppendsAnotherChangeAndTheRowHoldsTheLatestState()
    {
        await Catalog.UpsertUsersAsync([UserRow(1)]);
        await Catalog.UpsertUsersAsync([UserRow(1) with { Handle = "renamed" }, UserRow(1) with { Handle = "last" }]);

        Assert.Equal(
            [new CatalogChange(1, CatalogTableKind.Users, 1, 0), new CatalogChange(2, CatalogTableKind.Users, 1, 0), new CatalogChange(3, CatalogTableKind.Users, 1, 0)],
            await ReadAllChangesAsync());
        Assert.Equal("last", (await Catalog.GetUserAsync(1))!.Handle);
    }

    [ContractFact]
    public async Task UpsertVideosAsync_LargeBatch_OneContiguousRunInBatchOrder()
    {
        await Catalog.UpsertUsersAsync([UserRow(1)]);
        var videos = Enumerable.Range(1, 2_500).Select(i => new Video(5_000 - i, 1, 1_000, T0, [], "en", "us")).ToArray();

        await Catalog.UpsertVideosAsync(videos);

        var changes = await ReadAllChangesAsync();
        Assert.Equal(Enumerable.Range(1, 2_501).Select(i => (long)i), changes.Select(c => c.Sequence));
        Assert.Equal(videos.Select(v => v.Id), changes.Skip(1).Select(c => c.Key1));
        Assert.All(changes.Skip(1), c => Assert.Equal((CatalogTableKind.Videos, 0L), (c.Table, c.Key2)));
    }

    [ContractFact]
    public async Task ReadChangesAsync_FromPosition_ReturnsLaterChangesInOrderUpToMaxCount()
    {
        await Catalog.UpsertUsersAsync(Enumerable.Range(1, 20).Select(i => UserRow(100 + i)).ToArray());

        var page = new List<CatalogChange> { new(999, CatalogTableKind.Orders, 1, 1) };
        Assert.Equal(10, await Catalog.ReadChangesAsync(5, 10, page));
        Assert.Equal(11, page.Count);
        Assert.Equal(Enumerable.Range(6, 10).Select(i => (long)i), page.Skip(1).Select(c => c.Sequence));
        Assert.Equal(Enumerable.Range(106, 10).Select(i => (long)i), page.Skip(1).Select(c => c.Key1));

        page.Clear();
        Assert.Equal(5, await Catalog.ReadChangesAsync(15, 100, page));
        Assert.Equal(Enumerable.Range(16, 5).Select(i => (long)i), page.Select(c => c.Sequence));

        page.Clear();
        Assert.Equal(1, await Catalog.ReadChangesAsync(0, 1, page));
        Assert.Equal(new CatalogChange(1, CatalogTableKind.Users, 101, 0), page[0]);

        page.Clear();
        Assert.Equal(0, await Catalog.ReadChangesAsync(20, 10, page));
        Assert.Equal(0, await Catalog.ReadChangesAsync(1_000, 10, page));
        Assert.Empty(page);
    }

    [ContractFact]
    public async Task ReadChangesAsync_BadArguments_Throw()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Catalog.ReadChangesAsync(-1, 10, []));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Catalog.ReadChangesAsync(long.MinValue, 10, []));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Catalog.ReadChangesAsync(0, 0, []));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Catalog.ReadChangesAsync(0, -5, []));
        await Assert.ThrowsAsync<ArgumentNullException>(() => Catalog.ReadChangesAsync(0, 10, null!));
    }

    [ContractFact]
    public async Task UpsertAsync_InvalidRow_StoresNeitherRowsNorChanges()
    {
        await Catalog.UpsertUsersAsync([UserRow(1)]);
        Order[] batch = [new Order(7, 1, 5, 1, 100, "USD", "US", T0), new Order(8, 1, 5, 1, 100, null!, "US", T0)];

        await Assert.ThrowsAsync<ArgumentException>(() => Catalog.UpsertOrdersAsync(batch));

        Assert.Equal(1, await Catalog.GetChangeHeadAsync());
        Assert.Equal(0, (await Catalog.CountAsync()).Orders);
    }

    [ContractFact]
    public async Task UpsertAsync_FailureBeforeCommit_StoresNeitherRowsNorChangesAndNextUpsertIsDense()
    {
        await Catalog.UpsertUsersAsync([UserRow(1), UserRow(2)]);
        var hook = (IAppendFaultHook)Catalog;
        hook.BeforeCommit = static () => throw new InvalidOperationException("injected");
        var follows = Enumerable.Range(1, 1_500).Select(i => new Follow(1 + (i % 2), 10 + i, T0)).ToArray();

        await Assert.ThrowsAsync<InvalidOperationException>(() => Catalog.UpsertFollowsAsync(follows));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Catalog.UpsertUsersAsync([UserRow(1) with { Handle = "lost" }, UserRow(3)]));
        hook.BeforeCommit = null;

        Assert.Equal(2, await Catalog.GetChangeHeadAsync());
        Assert.Equal(0, (await Catalog.CountAsync()).Follows);
        Assert.Equal("u1", (await Catalog.GetUserAsync(1))!.Handle);
        Assert.Null(await Catalog.GetUserAsync(3));

        await Catalog.UpsertFollowsAsync(follows);
        var changes = await ReadAllChangesAsync();
        Assert.Equal(Enumerable.Range(1, 1_502).Select(i => (long)i), changes.Select(c => c.Sequence));
        Assert.Equal(follows.Select(f => (f.FollowerId, f.CreatorId)), changes.Skip(2).Select(c => (c.Key1, c.Key2)));
    }

    [ContractFact]
    public async Task UpsertAsync_CancelledMidWrite_StoresNeitherRowsNorChanges()
    {
        await Catalog.UpsertProductsAsync([new Product(1, 1, "p", 1, "USD")]);
        using var cancellation = new CancellationTokenSource();
        var hook = (IAppendFaultHook)Catalog;
        hook.BeforeCommit = cancellation.Cancel;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Catalog.UpsertProductsAsync([new Product(2, 1, "q", 1, "USD")], cancellation.Token));
        hook.BeforeCommit = null;

        Assert.Equal(1, await Catalog.GetChangeHeadAsync());
        Assert.Null(await Catalog.GetProductAsync(2));
        await Catalog.UpsertProductsAsync([new Product(3, 1, "r", 1, "USD")]);
        Assert.Equal([new CatalogChange(1, CatalogTableKind.Products, 1, 0), new CatalogChange(2, CatalogTableKind.Products, 3, 0)], await ReadAllChangesAsync());
    }

    [ContractFact]
    public async Task UpsertAsync_ConcurrentWritersWithTailingReader_DenseRunsAndReaderNeverSeesAGapFilledLater()
    {
        const int Writers = 6, BatchesPerWriter = 15, BatchSize = 40;
        const int Total = Writers * BatchesPerWriter * BatchSize;
        var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            for (var b = 0; b < BatchesPerWriter; b++)
            {
                // Ids unique per batch across all writers, so each batch's run can be found by its first key.
                var first = 1 + (((w * BatchesPerWriter) + b) * BatchSize);
                var ids = Enumerable.Range(first, BatchSize).Select(i => (long)i).ToArray();
                await ((w % 3) switch
                {
                    0 => Catalog.UpsertUsersAsync(ids.Select(UserRow).ToArray()),
                    1 => Catalog.UpsertOrdersAsync(ids.Select(i => new Order(i, 1, 1, 1, 1, "USD", "US", T0)).ToArray()),
                    _ => Catalog.UpsertFollowsAsync(ids.Select(i => new Follow(i, w, T0)).ToArray()),
                });
            }
        })).ToArray();
        var writing = Task.WhenAll(writers);

        // Tails the feed while the writers run: every page must continue exactly at position + 1. A change seen
        // after a skipped sequence would mean a slower transaction committed below the reader's position.
        var tailed = new List<CatalogChange>();
        var position = 0L;
        var page = new List<CatalogChange>();
        while (true)
        {
            var done = writing.IsCompleted;
            page.Clear();
            await Catalog.ReadChangesAsync(position, 97, page);
            foreach (var change in page)
            {
                Assert.Equal(position + 1, change.Sequence);
                position = change.Sequence;
            }

            tailed.AddRange(page);
            if (done && page.Count == 0)
            {
                break;
            }

            if (page.Count == 0)
            {
                await Task.Yield();
            }
        }

        await writing;
        Assert.Equal(Total, await Catalog.GetChangeHeadAsync());
        Assert.Equal(tailed, await ReadAllChangesAsync());
        Assert.Equal(Enumerable.Range(1, Total).Select(i => (long)i), tailed.Select(c => c.Sequence));

        // Each batch is one contiguous run in batch order.
        for (var batch = 0; batch < Writers * BatchesPerWriter; batch++)
        {
            var first = 1 + (batch * BatchSize);
            var at = tailed.FindIndex(c => c.Key1 == first);
            Assert.Equal(Enumerable.Range(first, BatchSize).Select(i => (long)i), tailed.Skip(at).Take(BatchSize).Select(c => c.Key1));
            Assert.Single(tailed.Skip(at).Take(BatchSize).Select(c => c.Table).Distinct());
        }
    }

    [ContractFact]
    public async Task OpenAsync_Reopened_KeepsChangesAndContinuesSequences()
    {
        await Catalog.UpsertUsersAsync([UserRow(1), UserRow(2)]);
        await Store.DisposeAsync();

        Store = await _target!.OpenAsync();
        await Catalog.UpsertCreatorsAsync([new Creator(5, 1, "c", "US", T0)]);

        Assert.Equal(
            [new CatalogChange(1, CatalogTableKind.Users, 1, 0), new CatalogChange(2, CatalogTableKind.Users, 2, 0), new CatalogChange(3, CatalogTableKind.Creators, 5, 0)],
            await ReadAllChangesAsync());
    }

    private static User UserRow(long id) => new(id, "u" + id, "US", "::1", "US", "US", T0);

    private async Task<List<CatalogChange>> ReadAllChangesAsync()
    {
        var all = new List<CatalogChange>();
        long position = 0;
        while (await Catalog.ReadChangesAsync(position, 1_000, all) > 0)
        {
            position = all[^1].Sequence;
        }

        return all;
    }
}
