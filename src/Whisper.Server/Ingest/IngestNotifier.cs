using Whisper.Core.Domain;
using Whisper.FeatureStore.Sessions;

namespace Whisper.Server.Ingest;

/// <summary>
/// Told after each ingested batch is on the log: folds its events into the live sessions (when the server keeps them,
/// for the session handoff) and calls <c>afterIngest</c> (e.g. the recommendation engine's <c>Nudge</c>, so the trainer
/// reads it now instead of at its next poll). Runs on the request's thread: return quickly.
/// </summary>
internal sealed class IngestNotifier(Action? afterIngest, SessionStateStore? sessions = null)
{
    /// <summary>
    /// <paramref name="batch"/> is the whole accepted batch. The log does not say which of its events were duplicates, so
    /// a retried batch that also carries new events adds its old events' watch time again (seen items are a set and do
    /// not repeat); a batch of duplicates only is not passed here.
    /// </summary>
    public void Appended(ReadOnlySpan<EngagementEvent> batch)
    {
        if (sessions is not null)
        {
            foreach (ref readonly var e in batch)
            {
                sessions.Observe(e);
            }
        }

        afterIngest?.Invoke();
    }
}
