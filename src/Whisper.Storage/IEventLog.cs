using Whisper.Core.Domain;

namespace Whisper.Storage;

/// <summary>
/// The append-only, sequenced event log — the spine that training, CDC, replay, parity and recovery read
/// by position. Sequences start at 1, rise by one per stored event, and are assigned in commit order, so
/// a reader that has consumed up to position p never later finds an event at or below p.
/// A position is the last sequence a reader has consumed; 0 means "from the start".
/// </summary>
public interface IEventLog
{
    /// <summary>
    /// Appends a batch atomically: all new events are stored or none is. Events whose
    /// <see cref="EngagementEvent.ClientEventId"/> is already in the log (or earlier in the same batch) are
    /// skipped and counted as duplicates. When the returned task completes the batch is durable against
    /// a process kill. Invalid events throw <see cref="InvalidEventException"/> before anything is written.
    /// </summary>
    Task<AppendResult> AppendAsync(IReadOnlyList<EngagementEvent> batch, CancellationToken cancellationToken = default);

    /// <summary>Reads up to <paramref name="maxCount"/> events with sequence greater than <paramref name="afterPosition"/>, in order, into <paramref name="into"/>; returns how many were added.</summary>
    Task<int> ReadAsync(long afterPosition, int maxCount, List<LoggedEvent> into, CancellationToken cancellationToken = default);

    /// <summary>The highest sequence stored, 0 for an empty log.</summary>
    Task<long> GetHeadAsync(CancellationToken cancellationToken = default);
}

/// <summary>Outcome of one append. <see cref="FirstSequence"/>..<see cref="LastSequence"/> is empty (0, 0) when nothing was new.</summary>
public readonly record struct AppendResult(int Appended, int Duplicates, long FirstSequence, long LastSequence);
