using Whisper.Core.Domain;
using Whisper.Recommendation.Feed;
using Whisper.Recommendation.Tests.Training;
using Whisper.Storage;

namespace Whisper.Recommendation.Tests.Feed;

public sealed class BatchingEventLogTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Append_ReturnsQueued_ThenEverythingLandsInOrder()
    {
        var inner = new InMemoryEventLog();
        await using var log = new BatchingEventLog(inner, commitInterval: TimeSpan.Zero);

        var result = await log.AppendAsync(Page(1, 3));
        await log.AppendAsync(Page(2, 2));
        await log.FlushAsync();

        Assert.Equal(new AppendResult(3, 0, 0, 0), result);
        Assert.Equal(0, log.Pending);
        var stored = new List<LoggedEvent>();
        await log.ReadAsync(0, 100, stored); // reads pass through to the real log
        Assert.Equal([1L, 1, 1, 2, 2], stored.Select(e => e.Event.UserId));
        Assert.Equal([1L, 2, 3, 4, 5], stored.Select(e => e.Sequence));
    }

    [Fact]
    public async Task CommitInterval_PagesQueuedMeanwhile_GoInOneAppend()
    {
        var appends = new List<AppendResult>();
        await using var log = new BatchingEventLog(new InMemoryEventLog(), r => appends.Add(r), commitInterval: TimeSpan.FromSeconds(2));
        await log.AppendAsync(Page(1, 4));
        await log.FlushAsync(); // the first append goes at once: nothing was appended before it

        await log.AppendAsync(Page(2, 3));
        await log.AppendAsync(Page(3, 5));
        await log.FlushAsync();

        Assert.Equal([4, 8], appends.Select(a => a.Appended));
    }

    [Fact]
    public async Task FailedAppend_IsCounted_AndTheWriterGoesOn()
    {
        var inner = new FailingOnceLog();
        await using var log = new BatchingEventLog(inner, commitInterval: TimeSpan.Zero);

        await log.AppendAsync(Page(1, 2));
        await log.FlushAsync();
        await log.AppendAsync(Page(2, 2));
        await log.FlushAsync();

        Assert.Equal(1, log.Failures);
        Assert.Equal(2, await inner.GetHeadAsync()); // the second batch is stored; the failed one is dropped
    }

    [Fact]
    public async Task Dispose_WritesWhatIsQueued_ThenRefusesAppends()
    {
        var inner = new InMemoryEventLog();
        var log = new BatchingEventLog(inner, commitInterval: TimeSpan.FromMilliseconds(50));
        await log.AppendAsync(Page(1, 3));
        await log.AppendAsync(Page(2, 3));

        await log.DisposeAsync();

        Assert.Equal(6, await inner.GetHeadAsync());
        await Assert.ThrowsAsync<ObjectDisposedException>(() => log.AppendAsync(Page(3, 1)));
    }

    [Fact]
    public void Constructor_NegativeCommitInterval_Throws()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new BatchingEventLog(new InMemoryEventLog(), commitInterval: TimeSpan.FromMilliseconds(-1)));

        Assert.Equal("commitInterval", error.ParamName);
    }

    private static EngagementEvent[] Page(long userId, int items) =>
        [.. Enumerable.Range(0, items).Select(i => new EngagementEvent(Guid.NewGuid(), userId, 100 + i, EventKind.Impression, T0))];

    private sealed class FailingOnceLog : IEventLog
    {
        private readonly InMemoryEventLog _log = new();
        private int _calls;

        public Task<AppendResult> AppendAsync(IReadOnlyList<EngagementEvent> batch, CancellationToken cancellationToken = default) =>
            Interlocked.Increment(ref _calls) == 1 ? throw new IOException("disk full") : _log.AppendAsync(batch, cancellationToken);

        public Task<int> ReadAsync(long afterPosition, int maxCount, List<LoggedEvent> into, CancellationToken cancellationToken = default) =>
            _log.ReadAsync(afterPosition, maxCount, into, cancellationToken);

        public Task<long> GetHeadAsync(CancellationToken cancellationToken = default) => _log.GetHeadAsync(cancellationToken);
    }
}
