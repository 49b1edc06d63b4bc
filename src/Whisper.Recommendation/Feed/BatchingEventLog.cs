using System.Diagnostics;
using System.Threading.Channels;

using Whisper.Core.Domain;
using Whisper.Storage;

namespace Whisper.Recommendation.Feed;

/// <summary>
/// Takes impression appends off the request path: <see cref="AppendAsync"/> queues the batch and returns at once
/// (its <see cref="AppendResult"/> says "queued": Appended = the batch size, sequences 0), and one background writer
/// appends everything queued so far as one log batch, at most one batch per commit interval (a SQLite transaction
/// costs ~0.3–1 ms and rewrites the log's right-edge pages, so at 2,000 feeds/s one commit per 5 ms of pages instead
/// of one per page is the difference between the log keeping up or not). Reads pass through.
/// <para>
/// Durability trade-off: a page is answered before its impressions are on disk, so a crash can lose the last commit
/// interval or so of impressions (never other events: ingest does not go through here). Retries still log nothing
/// twice: impression ids are deterministic and the log drops duplicate client event ids, whichever batch they land in.
/// </para>
/// </summary>
public sealed class BatchingEventLog : IEventLog, IAsyncDisposable
{
    private readonly IEventLog _inner;
    private readonly Action<AppendResult>? _appended;
    private readonly Channel<IReadOnlyList<EngagementEvent>> _queue;
    private readonly Task _writer;
    private readonly int _maxBatch;
    private readonly TimeSpan _commitInterval;
    private long _queued;
    private long _written;
    private long _failures;

    /// <param name="inner">The real log.</param>
    /// <param name="appended">Called on the writer's thread after each batch is on the log (e.g. nudge the trainer).</param>
    /// <param name="maxBatch">Most events per log append.</param>
    /// <param name="commitInterval">Least time from one log append to the next (what queues meanwhile goes in one
    /// batch); default 5 ms, zero appends as soon as anything is queued.</param>
    public BatchingEventLog(IEventLog inner, Action<AppendResult>? appended = null, int maxBatch = 4096, TimeSpan? commitInterval = null)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        _commitInterval = commitInterval ?? TimeSpan.FromMilliseconds(5);
        ArgumentOutOfRangeException.ThrowIfLessThan(_commitInterval, TimeSpan.Zero, nameof(commitInterval));
        _inner = inner;
        _appended = appended;
        _maxBatch = maxBatch;
        _queue = Channel.CreateUnbounded<IReadOnlyList<EngagementEvent>>(new UnboundedChannelOptions { SingleReader = true });
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>Events queued and not yet on the log.</summary>
    public long Pending => Interlocked.Read(ref _queued) - Interlocked.Read(ref _written);

    /// <summary>Log appends that failed (the events of a failed batch are dropped and counted here).</summary>
    public long Failures => Interlocked.Read(ref _failures);

    public Task<AppendResult> AppendAsync(IReadOnlyList<EngagementEvent> batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Count == 0)
        {
            return Task.FromResult(default(AppendResult));
        }

        Interlocked.Add(ref _queued, batch.Count);
        if (!_queue.Writer.TryWrite(batch))
        {
            throw new ObjectDisposedException(nameof(BatchingEventLog), "The impression writer is stopped.");
        }

        return Task.FromResult(new AppendResult(batch.Count, 0, 0, 0));
    }

    public Task<int> ReadAsync(long afterPosition, int maxCount, List<LoggedEvent> into, CancellationToken cancellationToken = default) =>
        _inner.ReadAsync(afterPosition, maxCount, into, cancellationToken);

    public Task<long> GetHeadAsync(CancellationToken cancellationToken = default) => _inner.GetHeadAsync(cancellationToken);

    /// <summary>Waits until everything queued before the call is on the log.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var target = Interlocked.Read(ref _queued);
        while (Interlocked.Read(ref _written) < target && !_writer.IsCompleted)
        {
            await Task.Delay(1, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Stops taking appends, writes what is queued, and waits for the writer.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
    }

    private async Task WriteLoopAsync()
    {
        var pending = new List<EngagementEvent>(_maxBatch);
        var reader = _queue.Reader;
        var lastAppend = 0L;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            var wait = _commitInterval - Stopwatch.GetElapsedTime(lastAppend);
            if (wait > TimeSpan.Zero && lastAppend != 0)
            {
                await Task.Delay(wait).ConfigureAwait(false);
            }

            lastAppend = Stopwatch.GetTimestamp();
            while (pending.Count < _maxBatch && reader.TryRead(out var batch))
            {
                pending.AddRange(batch);
            }

            try
            {
                var result = await _inner.AppendAsync(pending).ConfigureAwait(false);
                _appended?.Invoke(result);
            }
#pragma warning disable CA1031 // A failed append must not kill the writer; it is counted and the next batch tries again.
            catch (Exception)
#pragma warning restore CA1031
            {
                Interlocked.Increment(ref _failures);
            }

            Interlocked.Add(ref _written, pending.Count);
            pending.Clear();
        }
    }
}
