namespace Whisper.Recommendation.Model;

/// <summary>
/// Told which videos' vectors the trainer changed, right after each training step is visible to readers, so the
/// ANN index re-inserts them at once (the freshness path: ingest → train → index within a second).
/// </summary>
public interface IVideoVectorSink
{
    void OnVideoVectorsChanged(ReadOnlySpan<long> videoIds);
}
