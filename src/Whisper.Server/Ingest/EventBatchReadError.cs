namespace Whisper.Server.Ingest;

/// <summary>Why a batch body could not be read. Each maps to one HTTP status in <see cref="IngestHandler"/>.</summary>
internal enum EventBatchReadStatus : byte
{
    Ok,

    /// <summary>Not JSON at all (400).</summary>
    MalformedJson,

    /// <summary>JSON, but a field is missing, unknown or of the wrong type (400).</summary>
    InvalidField,

    /// <summary>A kind that is not one of the wire names (400).</summary>
    UnknownKind,

    /// <summary>More events than the batch limit (413).</summary>
    TooManyEvents,
}

/// <param name="Status">What went wrong.</param>
/// <param name="Index">The event's position in the batch, or -1 when the problem is outside any event.</param>
/// <param name="Field">The JSON field at fault ("userId"), or null.</param>
/// <param name="Detail">One sentence naming the problem and the fix; any echoed client text is trimmed and sanitised.</param>
internal readonly record struct EventBatchReadError(EventBatchReadStatus Status, int Index, string? Field, string Detail);
