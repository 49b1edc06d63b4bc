namespace Whisper.Recommendation.Candidates;

/// <summary>Settings of <see cref="FollowingCandidateSource"/>.</summary>
public sealed record FollowingOptions
{
    public static FollowingOptions Default { get; } = new();

    /// <summary>Most videos proposed from one followed creator, so one prolific creator cannot fill the source.</summary>
    public int MaxPerCreator { get; init; } = 3;

    /// <summary>Oldest video proposed, relative to the request time.</summary>
    public TimeSpan MaxAge { get; init; } = TimeSpan.FromDays(7);

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (MaxPerCreator is < 1 or > 100)
        {
            problems.Add($"Following.MaxPerCreator {MaxPerCreator} is outside 1..100; the default is 3.");
        }

        if (MaxAge <= TimeSpan.Zero || MaxAge > TimeSpan.FromDays(365))
        {
            problems.Add($"Following.MaxAge {MaxAge} is outside (0, 365 days]; the default is 7 days.");
        }

        return problems;
    }
}
