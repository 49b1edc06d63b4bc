using Whisper.Core.Domain;
using Whisper.Recommendation.Candidates;
using Whisper.Storage;

namespace Whisper.Recommendation.RankingAudit;

/// <summary>
/// The region's event log held in log order, so the replay can bring time-dependent candidate sources (trending) to
/// each request's time: <see cref="AdvanceTo"/> feeds every event that occurred at or before it, in log order.
/// </summary>
internal sealed class EventTimeline
{
    private readonly List<LoggedEvent> _events;
    private int _next;

    private EventTimeline(List<LoggedEvent> events) => _events = events;

    public IReadOnlyList<LoggedEvent> Events => _events;

    public static async Task<EventTimeline> ReadAsync(IEventLog log, CancellationToken cancellationToken)
    {
        var events = new List<LoggedEvent>();
        var batch = new List<LoggedEvent>(8192);
        long position = 0;
        while (true)
        {
            batch.Clear();
            await log.ReadAsync(position, 8192, batch, cancellationToken).ConfigureAwait(false);
            if (batch.Count == 0)
            {
                return new EventTimeline(events);
            }

            events.AddRange(batch);
            position = batch[^1].Sequence;
        }
    }

    /// <summary>Starts again from the first event (for another pass with fresh observers).</summary>
    public void Rewind() => _next = 0;

    /// <summary>Feeds <paramref name="observer"/> the events up to the first one that occurred after <paramref name="time"/>.</summary>
    public void AdvanceTo(DateTimeOffset time, IEngagementObserver observer)
    {
        while (_next < _events.Count && _events[_next].Event.OccurredAt <= time)
        {
            observer.Observe(_events[_next]);
            _next++;
        }
    }
}
