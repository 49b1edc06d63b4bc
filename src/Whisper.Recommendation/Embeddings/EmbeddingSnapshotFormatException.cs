namespace Whisper.Recommendation.Embeddings;

/// <summary>A snapshot or checkpoint could not be read: wrong magic, unknown version, truncated, corrupt or inconsistent.</summary>
public sealed class EmbeddingSnapshotFormatException : FormatException
{
    public EmbeddingSnapshotFormatException(string source, long offset, string reason)
        : base($"{source}: {reason} (at byte {offset})")
    {
        Source = source;
        Offset = offset;
        Reason = reason;
    }

    public EmbeddingSnapshotFormatException()
        : this("snapshot", 0, "unreadable")
    {
    }

    public EmbeddingSnapshotFormatException(string message)
        : this("snapshot", 0, message)
    {
    }

    public EmbeddingSnapshotFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        Source = "snapshot";
        Reason = message;
    }

    /// <summary>Path or name of what was read.</summary>
    public new string Source { get; }

    /// <summary>Byte offset where reading failed.</summary>
    public long Offset { get; }

    /// <summary>What is wrong, without the location prefix.</summary>
    public string Reason { get; }
}
