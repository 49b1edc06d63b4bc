namespace Whisper.Recommendation.Ranking;

/// <summary>
/// Objective weights (serving) and how the LightGBM ranker is trained. The final score of a candidate is
/// Σ weight(objective) · P(objective). Check with <see cref="Validate"/>; trainers and rankers call <see cref="EnsureValid"/>.
/// </summary>
public sealed record RankerOptions
{
    public float LongWatchWeight { get; init; } = 1.0f;

    public float LikeWeight { get; init; } = 0.5f;

    public float ShareWeight { get; init; } = 0.8f;

    public float FollowWeight { get; init; } = 1.0f;

    /// <summary>A view is a long watch when watch time ≥ this fraction of the video's duration.</summary>
    public double LongWatchRatio { get; init; } = 0.5;

    /// <summary>Engagement counts toward an impression's labels when it follows the impression of the same (user, video) within this window.</summary>
    public TimeSpan LabelWindow { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The latest fraction of impressions (by log order) held out for evaluation; the rest trains.</summary>
    public double HoldoutFraction { get; init; } = 0.2;

    public int Iterations { get; init; } = 100;

    public int NumberOfLeaves { get; init; } = 31;

    public int MinimumExampleCountPerLeaf { get; init; } = 20;

    public double LearningRate { get; init; } = 0.1;

    /// <summary>Seed of ML.NET and LightGBM; training also runs on one thread, so the same data gives the same model.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>An objective with fewer positive training rows than this is not trained (its weight then counts nothing).</summary>
    public int MinimumPositives { get; init; } = 10;

    public float Weight(RankingObjective objective) => objective switch
    {
        RankingObjective.LongWatch => LongWatchWeight,
        RankingObjective.Like => LikeWeight,
        RankingObjective.Share => ShareWeight,
        RankingObjective.Follow => FollowWeight,
        _ => throw new ArgumentOutOfRangeException(nameof(objective), objective, "Unknown objective."),
    };

    /// <summary>Every problem, each naming the setting and the fix; empty when usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        void Check(bool ok, string problem)
        {
            if (!ok)
            {
                problems.Add(problem);
            }
        }

        var weightsValid = true;
        foreach (var (name, weight) in new[] { ("LongWatchWeight", LongWatchWeight), ("LikeWeight", LikeWeight), ("ShareWeight", ShareWeight), ("FollowWeight", FollowWeight) })
        {
            var valid = float.IsFinite(weight) && weight is >= 0 and <= 100;
            weightsValid &= valid;
            Check(valid, $"{name} is {weight}; use a finite weight in 0..100.");
        }

        Check(!weightsValid || LongWatchWeight + LikeWeight + ShareWeight + FollowWeight > 0, "All objective weights are 0; give at least one objective a positive weight.");
        Check(double.IsFinite(LongWatchRatio) && LongWatchRatio is > 0 and <= 2, $"LongWatchRatio is {LongWatchRatio}; use a fraction of the duration in (0, 2], e.g. 0.5.");
        Check(LabelWindow > TimeSpan.Zero && LabelWindow <= TimeSpan.FromDays(7), $"LabelWindow is {LabelWindow}; use more than 0 and at most 7 days, e.g. 1 hour.");
        Check(double.IsFinite(HoldoutFraction) && HoldoutFraction is > 0 and < 1, $"HoldoutFraction is {HoldoutFraction}; use a fraction in (0, 1), e.g. 0.2.");
        Check(Iterations is >= 1 and <= 10_000, $"Iterations is {Iterations}; use 1..10,000.");
        Check(NumberOfLeaves is >= 2 and <= 1_024, $"NumberOfLeaves is {NumberOfLeaves}; use 2..1,024.");
        Check(MinimumExampleCountPerLeaf is >= 1 and <= 100_000, $"MinimumExampleCountPerLeaf is {MinimumExampleCountPerLeaf}; use 1..100,000.");
        Check(double.IsFinite(LearningRate) && LearningRate is > 0 and <= 1, $"LearningRate is {LearningRate}; use (0, 1], e.g. 0.1.");
        Check(MinimumPositives >= 1, $"MinimumPositives is {MinimumPositives}; use at least 1.");
        return problems;
    }

    public void EnsureValid() => RecommendationOptionsException.ThrowIfAny(nameof(RankerOptions), Validate());
}
