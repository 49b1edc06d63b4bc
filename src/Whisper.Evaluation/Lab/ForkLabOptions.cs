namespace Whisper.Evaluation.Lab;

/// <summary>Settings of the fork-degradation lab (docs/fork-degradation-lab.md). Every default is fixed a priori.</summary>
public sealed record ForkLabOptions
{
    /// <summary>Temporal split: share of the time span held out (its positives are the shared test traffic).</summary>
    public double TestFraction { get; init; } = 0.2;

    /// <summary>Cause (b): the fork's snapshot is trained only on events this long before the cutoff.</summary>
    public TimeSpan StaleBy { get; init; } = TimeSpan.FromDays(3);

    /// <summary>Cause (a): the fork's TTL for every user and video engagement feature whose source TTL is longer.</summary>
    public TimeSpan ForkFeatureTtl { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The source's TTL of an embedding row (user or video), from the row's last training event.</summary>
    public TimeSpan EmbeddingTtl { get; init; } = TimeSpan.FromDays(30);

    /// <summary>Cause (a): the fork's TTL of an embedding row.</summary>
    public TimeSpan ForkEmbeddingTtl { get; init; } = TimeSpan.FromDays(1);

    /// <summary>Session idle of the lab's session tier: a user active this close to the cutoff is in flight.</summary>
    public TimeSpan SessionWindow { get; init; } = TimeSpan.FromDays(1);

    /// <summary>Cause (d): candidates the fork retrieves (exact top-N by the model score) before ranking; the source ranks every video.</summary>
    public int ForkBudget { get; init; } = 100;

    /// <summary>Training epochs of each snapshot.</summary>
    public int Epochs { get; init; } = 2;

    /// <summary>Blend weights of the ranking score (model, ln(1 + video_views_24h), ln(1 + video_likes_24h)).</summary>
    public double PopularityWeight { get; init; } = 0.5;

    public long Seed { get; init; } = 42;

    /// <summary>Problems with the settings, empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!(TestFraction is > 0 and < 1))
        {
            problems.Add("test fraction must be in (0, 1).");
        }

        if (StaleBy <= TimeSpan.Zero || ForkFeatureTtl <= TimeSpan.Zero || EmbeddingTtl <= TimeSpan.Zero || ForkEmbeddingTtl <= TimeSpan.Zero || SessionWindow <= TimeSpan.Zero)
        {
            problems.Add("durations must be positive.");
        }

        if (ForkBudget < 1)
        {
            problems.Add("fork budget must be at least 1.");
        }

        if (Epochs < 1)
        {
            problems.Add("epochs must be at least 1.");
        }

        return problems;
    }
}
