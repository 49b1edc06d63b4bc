namespace Whisper.Parity.Shadow;

/// <summary>How a <see cref="ShadowRunner"/> runs: requests in flight at once, and the cohort of a user.</summary>
public sealed record ShadowOptions
{
    /// <summary>Requests sent at once (each to both regions, concurrently); 2 keeps a 2-core box responsive.</summary>
    public int Concurrency { get; init; } = 2;

    /// <summary>A user's cohort; default <see cref="Cohorts.ByUserBucket"/> with 4 buckets.</summary>
    public Func<long, string> CohortOf { get; init; } = Cohorts.ByUserBucket(4);
}
