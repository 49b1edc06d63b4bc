namespace Whisper.Core.Domain;

/// <summary>
/// One thing a user did, as the client reported it. <see cref="ClientEventId"/> makes ingest idempotent:
/// a retried batch carries the same ids and stores nothing twice.
/// </summary>
/// <param name="ClientEventId">Id chosen by the client; never <see cref="Guid.Empty"/>.</param>
/// <param name="UserId">Who acted.</param>
/// <param name="VideoId">The video acted on; 0 only for <see cref="EventKind.Purchase"/> outside a video.</param>
/// <param name="Kind">What happened.</param>
/// <param name="OccurredAt">When the client says it happened.</param>
/// <param name="WatchTimeMs">Watch time for <see cref="EventKind.View"/> and <see cref="EventKind.Skip"/>; otherwise 0.</param>
/// <param name="ProductId">The product bought for <see cref="EventKind.Purchase"/>; otherwise 0.</param>
public readonly record struct EngagementEvent(
    Guid ClientEventId,
    long UserId,
    long VideoId,
    EventKind Kind,
    DateTimeOffset OccurredAt,
    int WatchTimeMs = 0,
    long ProductId = 0);

/// <summary>An event as the log stored it: its sequence number is its position in the log.</summary>
public readonly record struct LoggedEvent(long Sequence, EngagementEvent Event);
