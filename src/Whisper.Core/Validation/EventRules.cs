using Whisper.Core.Domain;

namespace Whisper.Core.Validation;

/// <summary>
/// The rules every stored event obeys. Ingest checks a whole batch before writing any of it, so a bad
/// event rejects its batch instead of half-storing it.
/// </summary>
public static class EventRules
{
    /// <summary>Longest watch time accepted for one view: 24 h guards against unit mistakes (µs for ms).</summary>
    public const int MaxWatchTimeMs = 24 * 60 * 60 * 1000;

    /// <summary>Returns null when the event is valid, else a message naming the field and the fix.</summary>
    public static string? Validate(in EngagementEvent e)
    {
        if (e.ClientEventId == Guid.Empty)
        {
            return "clientEventId is empty; give every event a unique non-zero id so retries can be de-duplicated.";
        }

        if (!Enum.IsDefined(e.Kind))
        {
            return $"kind {(int)e.Kind} is unknown; use one of {string.Join(", ", EventKinds.WireNames)}.";
        }

        if (e.UserId <= 0)
        {
            return "userId must be a positive id.";
        }

        if (e.Kind.TargetsVideo() && e.VideoId <= 0)
        {
            return $"videoId must be a positive id for a {e.Kind.ToWireName()} event.";
        }

        if (e.Kind == EventKind.Purchase && e.ProductId <= 0)
        {
            return "productId must be a positive id for a purchase event.";
        }

        if (e.Kind != EventKind.Purchase && e.ProductId != 0)
        {
            return $"productId is only allowed on purchase events, not on {e.Kind.ToWireName()}.";
        }

        if (e.WatchTimeMs is < 0 or > MaxWatchTimeMs)
        {
            return $"watchTimeMs {e.WatchTimeMs} is outside 0..{MaxWatchTimeMs}; send milliseconds.";
        }

        if (e.WatchTimeMs > 0 && e.Kind is not (EventKind.View or EventKind.Skip))
        {
            return $"watchTimeMs is only allowed on view and skip events, not on {e.Kind.ToWireName()}.";
        }

        if (e.OccurredAt.Year is < 2000 or > 9000)
        {
            return $"occurredAt {e.OccurredAt:O} is not a plausible time.";
        }

        return null;
    }

    /// <summary>Validates a batch; returns the index and message of the first bad event, or (-1, null).</summary>
    public static (int Index, string? Error) ValidateBatch(ReadOnlySpan<EngagementEvent> batch)
    {
        for (var i = 0; i < batch.Length; i++)
        {
            if (Validate(batch[i]) is { } error)
            {
                return (i, error);
            }
        }

        return (-1, null);
    }
}
