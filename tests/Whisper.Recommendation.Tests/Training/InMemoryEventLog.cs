using Whisper.Core.Domain;
using Whisper.Storage;

namespace Whisper.Recommendation.Tests.Training;

/// <summary>A sequenced log in a list, for trainer tests that do not need SQLite (no dedup, no validation).</summary>
internal sealed class InMemoryEventLog : IEventLog
{
    private readonly List<LoggedEvent> _events = [];
    private readonly Lock _lock = new();

    public Task<AppendResult> AppendAsync(IReadOnlyList<EngagementEvent> batch, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var first = _events.Count + 1L;
            foreach (var e in batch)
            {
                _events.Add(new LoggedEvent(_events.Count + 1L, e));
            }

            return Task.FromResult(new AppendResult(batch.Count, 0, batch.Count == 0 ? 0 : first, batch.Count == 0 ? 0 : _events.Count));
        }
    }

    public Task<int> ReadAsync(long afterPosition, int maxCount, List<LoggedEvent> into, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var start = (int)Math.Min(afterPosition, _events.Count);
            var n = Math.Min(maxCount, _events.Count - start);
            into.AddRange(_events.GetRange(start, n));
            return Task.FromResult(n);
        }
    }

    public Task<long> GetHeadAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult((long)_events.Count);
        }
    }
}
