namespace Whisper.Parity.Shadow;

/// <summary>
/// Which requests a replay sends: one per user active in [<see cref="From"/>, <see cref="To"/>), at the user's first
/// event in the window, in log order; optionally only <see cref="Users"/> and at most <see cref="MaxRequests"/>.
/// </summary>
public sealed record ReplayOptions
{
    public required DateTimeOffset From { get; init; }

    public required DateTimeOffset To { get; init; }

    /// <summary>How long after a request its user's positives count (see <see cref="HeldOutEngagement"/>).</summary>
    public TimeSpan Horizon { get; init; } = TimeSpan.FromDays(1);

    /// <summary>Items asked of each region (50: Recall@50 needs the whole list).</summary>
    public int Count { get; init; } = 50;

    /// <summary>Only these users (each must be active in the window); null: every active user.</summary>
    public IReadOnlyCollection<long>? Users { get; init; }

    public int MaxRequests { get; init; } = int.MaxValue;

    /// <summary>Problems with the options, empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (To <= From)
        {
            problems.Add($"the replay window [{From:O}, {To:O}) is empty; give --to after --from.");
        }

        if (Horizon <= TimeSpan.Zero)
        {
            problems.Add("the held-out horizon must be positive (e.g. 1 day).");
        }

        if (Count is < 1 or > 50)
        {
            problems.Add($"count is {Count}; ask for 1..50 items per request.");
        }

        if (MaxRequests < 1)
        {
            problems.Add($"max requests is {MaxRequests}; use at least 1.");
        }

        if (Users is { Count: 0 })
        {
            problems.Add("the user list is empty; leave it out to replay every active user.");
        }

        return problems;
    }
}
