using Whisper.Core.Domain;

namespace Whisper.Evaluation.Data;

/// <summary>
/// Which events make a video relevant to a user: a long watch (a view whose watch time is at least
/// <see cref="LongWatchFraction"/> of the video's duration), a like, a share or a follow. Impressions, skips, short
/// views, comments and purchases are not positives.
/// </summary>
public sealed record RelevanceRule
{
    /// <summary>
    /// 0.8: on MovieLens a view reaches it exactly for ratings ≥ 4 (watch = rating / 5 · duration). The engine's trainer
    /// labels with the same threshold (<see cref="Whisper.Recommendation.Model.TwoTowerOptions.DefaultLongWatchFraction"/>,
    /// asserted equal in tests; kept as a double here so 0.8 is exact), and the evaluation adapter passes this rule's
    /// value to it.
    /// </summary>
    public const double DefaultLongWatchFraction = 0.8;

    public static RelevanceRule Default { get; } = new();

    /// <summary>Share of the duration a view must reach to count as a long watch; in (0, 2].</summary>
    public double LongWatchFraction { get; init; } = DefaultLongWatchFraction;

    /// <summary>True when the event is a positive. <paramref name="durationMs"/> is 0 for a video the catalog lacks: its views never count.</summary>
    public bool IsPositive(EventKind kind, int watchTimeMs, int durationMs) => kind switch
    {
        EventKind.Like or EventKind.Share or EventKind.Follow => true,
        EventKind.View => durationMs > 0 && watchTimeMs >= LongWatchFraction * durationMs,
        _ => false,
    };
}
