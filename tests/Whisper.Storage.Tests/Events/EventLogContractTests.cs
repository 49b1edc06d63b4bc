using Whisper.Core.Domain;
using Whisper.Storage.Events;
using Whisper.Storage.Tests.Infrastructure;

namespace Whisper.Storage.Tests.Events;

/// <summary>The <see cref="IEventLog"/> contract, run against every provider by the concrete subclasses.</summary>
public abstract class EventLogContractTests : IAsyncLifetime
{
    private StoreTarget? _target;

    protected IWhisperStore Store { get; private set; } = null!;

    protected IEventLog Log => Store.Events;

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
    public async Task AppendAsync_FreshLog_SequencesStartAtOneAndAreDenseAcrossBatches()
    {
        var batches = new[] { TestEvents.Batch(5), TestEvents.Batch(1), TestEvents.Batch(7) };

        var results = new List<AppendResult>();
        foreach (var batch in batches)
        {
            results.Add(await Log.AppendAsync(batch));
        }

        Assert.Equal(new AppendResult(5, 0, 1, 5), results[0]);
        Assert.Equal(new AppendResult(1, 0, 6, 6), results[1]);
        Assert.Equal(new AppendResult(7, 0, 7, 13), results[2]);
        Assert.Equal(13, await Log.GetHeadAsync());

        var all = await ReadAllAsync();
        var expected = batches.SelectMany(b => b).ToArray();
        Assert.Equal(Enumerable.Range(1, 13).Select(i => (long)i), all.Select(e => e.Sequence));
        Assert.Equal(expected, all.Select(e => e.Event));
    }

    [ContractFact]
    public async Task GetHeadAsync_EmptyLog_IsZero()
    {
        Assert.Equal(0, await Log.GetHeadAsync());
        Assert.Equal(default, await Log.AppendAsync([]));
        Assert.Equal(0, await Log.ReadAsync(0, 10, []));
    }

    [ContractFact]
    public async Task ReadAsync_FromPosition_ReturnsLaterEventsInOrderUpToMaxCount()
    {
        var batch = TestEvents.Batch(20);
        await Log.AppendAsync(batch);

        var page = new List<LoggedEvent>();
        Assert.Equal(10, await Log.ReadAsync(5, 10, page));
        Assert.Equal(Enumerable.Range(6, 10).Select(i => (long)i), page.Select(e => e.Sequence));
        Assert.Equal(batch[5..15], page.Select(e => e.Event));

        page.Clear();
        Assert.Equal(5, await Log.ReadAsync(15, 100, page));
        Assert.Equal(Enumerable.Range(16, 5).Select(i => (long)i), page.Select(e => e.Sequence));

        page.Clear();
        Assert.Equal(0, await Log.ReadAsync(20, 10, page));
        Assert.Empty(page);
    }

    [ContractFact]
    public async Task ReadAsync_BadArguments_Throw()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Log.ReadAsync(0, 0, []));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Log.ReadAsync(-1, 10, []));
        await Assert.ThrowsAsync<ArgumentNullException>(() => Log.ReadAsync(0, 10, null!));
    }

    [ContractFact]
    public async Task AppendAsync_SameBatchTwice_StoresNothingAndHeadStays()
    {
        var batch = TestEvents.Batch(8);
        await Log.AppendAsync(batch);

        var again = await Log.AppendAsync(batch);

        Assert.Equal(new AppendResult(0, 8, 0, 0), again);
        Assert.Equal(8, await Log.GetHeadAsync());
        Assert.Equal(8, (await ReadAllAsync()).Count);
    }

    [ContractFact]
    public async Task AppendAsync_PartlyStoredBatch_StoresOnlyNewEventsDensely()
    {
        var first = TestEvents.Batch(4);
        await Log.AppendAsync(first);
        var fresh = TestEvents.Batch(3);
        EngagementEvent[] mixed = [fresh[0], first[1], fresh[1], first[3], fresh[2]];

        var result = await Log.AppendAsync(mixed);

        Assert.Equal(new AppendResult(3, 2, 5, 7), result);
        var all = await ReadAllAsync();
        Assert.Equal(first.Concat(fresh), all.Select(e => e.Event));
        Assert.Equal(Enumerable.Range(1, 7).Select(i => (long)i), all.Select(e => e.Sequence));
    }

    [ContractFact]
    public async Task AppendAsync_DuplicateInsideBatch_KeepsFirstCopy()
    {
        var batch = TestEvents.Batch(3);
        var copy = batch[0] with { UserId = batch[0].UserId + 1000 };

        var result = await Log.AppendAsync([batch[0], batch[1], copy, batch[2], batch[1]]);

        Assert.Equal(new AppendResult(3, 2, 1, 3), result);
        Assert.Equal(batch, (await ReadAllAsync()).Select(e => e.Event));
    }

    [ContractFact]
    public async Task AppendAsync_InvalidEvent_ThrowsWithIndexAndStoresNothing()
    {
        var batch = TestEvents.Batch(5);
        batch[3] = batch[3] with { UserId = 0 };

        var error = await Assert.ThrowsAsync<InvalidEventException>(() => Log.AppendAsync(batch));

        Assert.Equal(3, error.Index);
        Assert.Contains("userId", error.Reason, StringComparison.Ordinal);
        Assert.Equal(0, await Log.GetHeadAsync());
    }

    [ContractFact]
    public async Task AppendAsync_FailureBeforeCommit_StoresNothingAndNextAppendIsDense()
    {
        await Log.AppendAsync(TestEvents.Batch(3));
        var hook = (IAppendFaultHook)Log;
        hook.BeforeCommit = static () => throw new InvalidOperationException("injected");

        var failed = TestEvents.Batch(50);
        await Assert.ThrowsAsync<InvalidOperationException>(() => Log.AppendAsync(failed));
        hook.BeforeCommit = null;

        Assert.Equal(3, await Log.GetHeadAsync());
        Assert.Equal(new AppendResult(4, 0, 4, 7), await Log.AppendAsync(TestEvents.Batch(4)));
        Assert.Equal(new AppendResult(50, 0, 8, 57), await Log.AppendAsync(failed));
        Assert.Equal(Enumerable.Range(1, 57).Select(i => (long)i), (await ReadAllAsync()).Select(e => e.Sequence));
    }

    [ContractFact]
    public async Task AppendAsync_CancelledMidWrite_StoresNothingAndNextAppendIsDense()
    {
        await Log.AppendAsync(TestEvents.Batch(2));
        using var cancellation = new CancellationTokenSource();
        var hook = (IAppendFaultHook)Log;
        hook.BeforeCommit = cancellation.Cancel;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Log.AppendAsync(TestEvents.Batch(30), cancellation.Token));
        hook.BeforeCommit = null;

        Assert.Equal(2, await Log.GetHeadAsync());
        Assert.Equal(new AppendResult(5, 0, 3, 7), await Log.AppendAsync(TestEvents.Batch(5)));
    }

    [ContractFact]
    public async Task AppendAsync_ConcurrentWriters_AssignDenseUniqueSequencesWithoutLoss()
    {
        const int Writers = 6, BatchesPerWriter = 15, BatchSize = 40;
        var batches = Enumerable.Range(0, Writers * BatchesPerWriter).Select(_ => TestEvents.Batch(BatchSize)).ToArray();

        var results = await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            var mine = new List<(AppendResult Result, EngagementEvent[] Batch)>();
            for (var b = 0; b < BatchesPerWriter; b++)
            {
                var batch = batches[(w * BatchesPerWriter) + b];
                mine.Add((await Log.AppendAsync(batch), batch));
            }

            return mine;
        })));

        const int Total = Writers * BatchesPerWriter * BatchSize;
        var all = await ReadAllAsync();
        Assert.Equal(Total, await Log.GetHeadAsync());
        Assert.Equal(Enumerable.Range(1, Total).Select(i => (long)i), all.Select(e => e.Sequence));
        foreach (var (result, batch) in results.SelectMany(r => r))
        {
            // Each batch is one contiguous run, stored in batch order, where the result says.
            Assert.Equal(BatchSize, result.Appended);
            Assert.Equal(batch, all.Skip((int)result.FirstSequence - 1).Take(BatchSize).Select(e => e.Event));
        }
    }

    [ContractFact]
    public async Task OpenAsync_Reopened_KeepsEventsAndContinuesSequences()
    {
        var batch = TestEvents.Batch(6);
        await Log.AppendAsync(batch);
        await Store.DisposeAsync();

        Store = await _target!.OpenAsync();

        Assert.Equal(6, await Log.GetHeadAsync());
        Assert.Equal(new AppendResult(0, 6, 0, 0), await Log.AppendAsync(batch));
        Assert.Equal(new AppendResult(2, 0, 7, 8), await Log.AppendAsync(TestEvents.Batch(2)));
    }

    [ContractFact]
    public async Task PingAsync_OpenStore_IsTrue()
    {
        Assert.True(await Store.PingAsync());
    }

    protected async Task<List<LoggedEvent>> ReadAllAsync()
    {
        var all = new List<LoggedEvent>();
        long position = 0;
        while (await Log.ReadAsync(position, 1_000, all) > 0)
        {
            position = all[^1].Sequence;
        }

        return all;
    }
}
