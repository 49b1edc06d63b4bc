namespace Whisper.Recommendation.Candidates;

/// <summary>Settings of <see cref="FreshCandidateSource"/>.</summary>
public sealed record FreshOptions
{
    public static FreshOptions Default { get; } = new();

    /// <summary>A video younger than this (at the request time) is fresh.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromHours(48);

    /// <summary>A creator whose first video is younger than this is new; all of its videos qualify.</summary>
    public TimeSpan NewCreatorWindow { get; init; } = TimeSpan.FromDays(14);

    /// <summary>How stale the pool of eligible videos may get before a request rebuilds it (a scan of the catalog, ~5 ms per 100k videos).</summary>
    public TimeSpan RefreshInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Mixed into the per-(user, day) shuffle; change it to reshuffle everyone, e.g. per experiment arm.</summary>
    public long Salt { get; init; } = 0x5EED;

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Window <= TimeSpan.Zero || Window > TimeSpan.FromDays(90))
        {
            problems.Add($"Fresh.Window {Window} is outside (0, 90 days]; the default is 48 hours.");
        }

        if (NewCreatorWindow < TimeSpan.Zero || NewCreatorWindow > TimeSpan.FromDays(365))
        {
            problems.Add($"Fresh.NewCreatorWindow {NewCreatorWindow} is outside [0, 365 days]; 0 turns new-creator exploration off, the default is 14 days.");
        }

        if (RefreshInterval < TimeSpan.FromSeconds(1) || RefreshInterval > TimeSpan.FromDays(1))
        {
            problems.Add($"Fresh.RefreshInterval {RefreshInterval} is outside 1 second..1 day; the default is 5 minutes.");
        }

        return problems;
    }
}
