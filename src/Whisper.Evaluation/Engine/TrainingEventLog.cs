using Whisper.Core.Domain;
using Whisper.Evaluation.Splits;
using Whisper.Storage;

namespace Whisper.Evaluation.Engine;

/// <summary>
/// A read-only <see cref="IEventLog"/> over a training set: its events in log order with dense sequences 1..n, so
/// the engine's trainer reads the training split exactly as it reads a real log. Events are rebuilt from the compact
/// records on each read (the client event id is derived from the sequence; the trainer does not use it).
/// </summary>
public sealed class TrainingEventLog(TrainingSet training) : IEventLog
{
    private readonly TrainingSet _training = training ?? throw new ArgumentNullException(nameof(training));

    public Task<AppendResult> AppendAsync(IReadOnlyList<EngagementEvent> batch, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("A training split is read-only.");

    public Task<int> ReadAsync(long afterPosition, int maxCount, List<LoggedEvent> into, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(into);
        ArgumentOutOfRangeException.ThrowIfNegative(afterPosition);
        cancellationToken.ThrowIfCancellationRequested();
        var indexes = _training.EventIndexes;
        var dataset = _training.Dataset;
        var events = dataset.Events;
        var start = (int)Math.Min(afterPosition, indexes.Length);
        var end = (int)Math.Min((long)start + Math.Max(0, maxCount), indexes.Length);
        for (var s = start; s < end; s++)
        {
            ref readonly var e = ref events[indexes[s]];
            var sequence = s + 1L;
            var id = new Guid((int)(sequence >> 32), (short)(sequence >> 16), (short)sequence, 0x57, 0x48, 0x45, 0x56, 0x41, 0x4C, 0x00, 0x01);
            into.Add(new LoggedEvent(sequence, new EngagementEvent(
                id,
                dataset.UserId(e.User),
                dataset.ItemId(e.Item),
                e.Kind,
                DateTimeOffset.FromUnixTimeMilliseconds(e.TimeMs),
                e.WatchTimeMs)));
        }

        return Task.FromResult(end - start);
    }

    public Task<long> GetHeadAsync(CancellationToken cancellationToken = default) => Task.FromResult((long)_training.EventIndexes.Length);
}
