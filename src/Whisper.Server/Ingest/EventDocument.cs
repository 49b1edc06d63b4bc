namespace Whisper.Server.Ingest;

/// <summary>
/// One event on the wire (POST /v1/events body, GET /v1/events items). The ingest path parses it by hand
/// (<see cref="EventBatchReader"/>); this type documents the schema in OpenAPI and serves reads.
/// </summary>
/// <param name="ClientEventId">Client-chosen GUID; retries with the same id are counted as duplicates.</param>
/// <param name="UserId">Positive user id.</param>
/// <param name="VideoId">Positive video id; may be 0 or absent for purchase.</param>
/// <param name="Kind">One of impression, view, like, share, comment, follow, skip, purchase.</param>
/// <param name="OccurredAt">ISO 8601 time with an offset ("Z" or "+hh:mm").</param>
/// <param name="WatchTimeMs">Milliseconds watched, view and skip only; 0 or absent otherwise.</param>
/// <param name="ProductId">Product bought, purchase only; 0 or absent otherwise.</param>
public sealed record EventDocument(
    Guid ClientEventId,
    long UserId,
    long VideoId,
    string Kind,
    DateTimeOffset OccurredAt,
    int WatchTimeMs,
    long ProductId);

/// <summary>Body of POST /v1/events.</summary>
public sealed record EventBatchDocument(IReadOnlyList<EventDocument> Events);

/// <summary>An event read back from the log with its sequence number.</summary>
public sealed record LoggedEventDocument(
    long Sequence,
    Guid ClientEventId,
    long UserId,
    long VideoId,
    string Kind,
    DateTimeOffset OccurredAt,
    int WatchTimeMs,
    long ProductId);
