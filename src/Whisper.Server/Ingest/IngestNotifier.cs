namespace Whisper.Server.Ingest;

/// <summary>
/// Told after each ingested batch is on the log (e.g. the recommendation engine's <c>Nudge</c>, so the trainer reads it
/// now instead of at its next poll). Runs on the request's thread: return quickly.
/// </summary>
internal sealed class IngestNotifier(Action? afterIngest)
{
    public void Appended()
    {
        afterIngest?.Invoke();
    }
}
