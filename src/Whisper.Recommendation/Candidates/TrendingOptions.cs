using Whisper.Core.Domain;

namespace Whisper.Recommendation.Candidates;

/// <summary>
/// Settings of <see cref="TrendingCandidateSource"/>. An event of kind k at time t adds <c>weight(k) · 2^−(now − t)/HalfLife</c>
/// to its video's score in the acting user's region. Default weights grow with the effort and intent an action shows:
/// a view 1, a like 3, a comment 5, a share 8 (spreads the video), a follow from the video 10; impressions, skips and
/// purchases 0 (an impression is the feed's own doing, a skip is negative: negative signals belong to the ranker,
/// and non-negative weights keep every score monotone, which the incremental top-N relies on).
/// </summary>
public sealed record TrendingOptions
{
    public static TrendingOptions Default { get; } = new();

    /// <summary>Time for an event's contribution to halve, measured in event time (the events' OccurredAt), not wall time.</summary>
    public TimeSpan HalfLife { get; init; } = TimeSpan.FromHours(6);

    /// <summary>Videos kept ranked per region; requests read from these. Should exceed the trending budget plus recently served.</summary>
    public int TopPerRegion { get; init; } = 500;

    public double ImpressionWeight { get; init; }

    public double ViewWeight { get; init; } = 1;

    public double LikeWeight { get; init; } = 3;

    public double CommentWeight { get; init; } = 5;

    public double ShareWeight { get; init; } = 8;

    public double FollowWeight { get; init; } = 10;

    public double SkipWeight { get; init; }

    public double PurchaseWeight { get; init; }

    public double WeightOf(EventKind kind) => kind switch
    {
        EventKind.Impression => ImpressionWeight,
        EventKind.View => ViewWeight,
        EventKind.Like => LikeWeight,
        EventKind.Comment => CommentWeight,
        EventKind.Share => ShareWeight,
        EventKind.Follow => FollowWeight,
        EventKind.Skip => SkipWeight,
        EventKind.Purchase => PurchaseWeight,
        _ => 0,
    };

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (HalfLife < TimeSpan.FromMinutes(1) || HalfLife > TimeSpan.FromDays(30))
        {
            problems.Add($"Trending.HalfLife {HalfLife} is outside 1 minute..30 days; the default is 6 hours.");
        }

        if (TopPerRegion is < 1 or > 100_000)
        {
            problems.Add($"Trending.TopPerRegion {TopPerRegion} is outside 1..100000; the default is 500.");
        }

        var anyPositive = false;
        foreach (var kind in Enum.GetValues<EventKind>())
        {
            var weight = WeightOf(kind);
            if (!double.IsFinite(weight) || weight < 0)
            {
                problems.Add($"Trending.{kind}Weight {weight} must be a finite number ≥ 0 (negative signals belong to the ranker).");
            }

            anyPositive |= weight > 0;
        }

        if (!anyPositive)
        {
            problems.Add("Trending weights are all 0; give at least one event kind a positive weight (e.g. ViewWeight = 1).");
        }

        return problems;
    }
}
