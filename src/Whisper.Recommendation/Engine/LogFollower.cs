using Whisper.Core.Domain;
using Whisper.Recommendation.Candidates;
using Whisper.Storage;

namespace Whisper.Recommendation.Engine;

/// <summary>
/// Feeds every logged event once, in log order, to the <see cref="IEngagementObserver"/>s (engagement counters,
/// trending). It keeps its own <see cref="Position"/> apart from the trainer's: the trainer resumes from a checkpoint
/// while the observers hold no persisted state and replay the log from 0, and the two must not wait on each other
/// (on two cores the start-up replays run side by side). Single reader: <see cref="CatchUpAsync"/> and
/// <see cref="RunAsync"/> must not overlap; observers are called on the follower's thread.
/// </summary>
public sealed class LogFollower : IDisposable
{
    private readonly IEventLog _log;
    private readonly IEngagementObserver[] _observers;
    private readonly int _batchSize;
    private readonly TimeSpan _pollInterval;
    private readonly List<LoggedEvent> _batch;
    private readonly SemaphoreSlim _wake = new(0, int.MaxValue);
    private long _position;

    public LogFollower(IEventLog log, IReadOnlyList<IEngagementObserver> observers, int batchSize = 8192, TimeSpan? pollInterval = null)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(observers);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        _log = log;
        _observers = [.. observers];
        _batchSize = batchSize;
        _pollInterval = pollInterval ?? TimeSpan.FromMilliseconds(20);
        _batch = new List<LoggedEvent>(batchSize);
    }

    /// <summary>Last log sequence every observer has seen.</summary>
    public long Position => Volatile.Read(ref _position);

    /// <summary>Wakes <see cref="RunAsync"/> now (after an append) instead of at its next poll.</summary>
    public void Nudge()
    {
        if (_wake.CurrentCount == 0)
        {
            _wake.Release();
        }
    }

    /// <summary>Reads one batch after <see cref="Position"/> and shows it to every observer; returns how many events.</summary>
    public async Task<int> StepAsync(CancellationToken cancellationToken = default)
    {
        _batch.Clear();
        var read = await _log.ReadAsync(_position, _batchSize, _batch, cancellationToken).ConfigureAwait(false);
        foreach (var logged in _batch)
        {
            if (logged.Sequence <= _position)
            {
                continue;
            }

            foreach (var observer in _observers)
            {
                observer.Observe(logged);
            }

            Volatile.Write(ref _position, logged.Sequence);
        }

        return read;
    }

    /// <summary>Observes up to the head the log had when called, reporting (position, head).</summary>
    public async Task CatchUpAsync(IProgress<(long Done, long Total)>? progress = null, CancellationToken cancellationToken = default)
    {
        var head = await _log.GetHeadAsync(cancellationToken).ConfigureAwait(false);
        progress?.Report((Position, head));
        while (Position < head && await StepAsync(cancellationToken).ConfigureAwait(false) > 0)
        {
            progress?.Report((Position, Math.Max(head, Position)));
        }
    }

    /// <summary>Follows the log until cancelled: observes each batch as it appears, waits for a nudge or the poll interval at the head.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                if (await StepAsync(cancellationToken).ConfigureAwait(false) == 0)
                {
                    await _wake.WaitAsync(_pollInterval, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping is the expected way out.
        }
    }

    public void Dispose() => _wake.Dispose();
}
