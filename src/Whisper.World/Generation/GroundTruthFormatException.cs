namespace Whisper.World.Generation;

/// <summary>A ground-truth file could not be read: wrong magic, unknown version, truncated or corrupt.</summary>
public sealed class GroundTruthFormatException : FormatException
{
    public GroundTruthFormatException(string source, long offset, string reason)
        : base($"{source}: {reason} (at byte {offset})")
    {
        Source = source;
        Offset = offset;
        Reason = reason;
    }

    public GroundTruthFormatException()
        : this("ground truth", 0, "unreadable")
    {
    }

    public GroundTruthFormatException(string message)
        : this("ground truth", 0, message)
    {
    }

    public GroundTruthFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        Source = "ground truth";
        Reason = message;
    }

    /// <summary>Path or name of what was read.</summary>
    public new string Source { get; }

    /// <summary>Byte offset where reading failed.</summary>
    public long Offset { get; }

    /// <summary>What is wrong, without the location prefix.</summary>
    public string Reason { get; }
}
