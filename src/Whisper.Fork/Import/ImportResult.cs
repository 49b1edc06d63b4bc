namespace Whisper.Fork.Import;

/// <summary>What one import run did: chunks applied now, chunks an earlier run had already applied, rows written, model files restored.</summary>
public sealed record ImportResult(Guid ExportId, int ChunksApplied, int ChunksAlreadyApplied, long Records, long Bytes, IReadOnlyList<string> ModelFiles)
{
    /// <summary>Full fork: the log position the model retrained from scratch has learned up to; null otherwise.</summary>
    public long? RetrainedAtPosition { get; init; }
}
