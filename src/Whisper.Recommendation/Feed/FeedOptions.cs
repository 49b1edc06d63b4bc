using Whisper.Recommendation.Ranking;

namespace Whisper.Recommendation.Feed;

/// <summary>Feed service limits. Check with <see cref="Validate"/>; <see cref="FeedService"/> refuses options with problems.</summary>
public sealed record FeedOptions
{
    /// <summary>Largest page a request may ask for.</summary>
    public int MaxCount { get; init; } = 50;

    /// <summary>Page size when the caller gives none (the HTTP API).</summary>
    public int DefaultCount { get; init; } = 10;

    /// <summary>Served video ids remembered per user in memory (8 bytes each): never served again while remembered.</summary>
    public int RecentlyServedPerUser { get; init; } = 200;

    /// <summary>Users whose served history and last page are kept; beyond it the least recently seen tenth is dropped.</summary>
    public int MaxTrackedUsers { get; init; } = 50_000;

    /// <summary>A cursor older than this is refused (the client starts a new session).</summary>
    public TimeSpan CursorLifetime { get; init; } = TimeSpan.FromHours(24);

    /// <summary>A first-page request repeated within this window is treated as a retry: same page, no new impressions.</summary>
    public TimeSpan RetryWindow { get; init; } = TimeSpan.FromSeconds(30);

    public CandidateBudgets Budgets { get; init; } = CandidateBudgets.Warm;

    public CandidateBudgets ColdStartBudgets { get; init; } = CandidateBudgets.ColdStart;

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (MaxCount is < 1 or > 1_000)
        {
            problems.Add($"MaxCount is {MaxCount}; use 1..1,000 (e.g. 50).");
        }

        if (DefaultCount < 1 || DefaultCount > Math.Max(1, MaxCount))
        {
            problems.Add($"DefaultCount is {DefaultCount}; use 1..MaxCount ({MaxCount}).");
        }

        if (RecentlyServedPerUser is < 0 or > 10_000)
        {
            problems.Add($"RecentlyServedPerUser is {RecentlyServedPerUser}; use 0..10,000 (e.g. 200).");
        }

        if (MaxTrackedUsers is < 1 or > 10_000_000)
        {
            problems.Add($"MaxTrackedUsers is {MaxTrackedUsers}; use 1..10,000,000 (each costs up to ~{EstimatedBytesPerUser(this) / 1024} KB).");
        }

        if (CursorLifetime < TimeSpan.FromMinutes(1) || CursorLifetime > TimeSpan.FromDays(30))
        {
            problems.Add($"CursorLifetime is {CursorLifetime}; use 1 minute..30 days (e.g. 24 hours).");
        }

        if (RetryWindow < TimeSpan.Zero || RetryWindow > TimeSpan.FromHours(1))
        {
            problems.Add($"RetryWindow is {RetryWindow}; use 0..1 hour (e.g. 30 seconds).");
        }

        if (Budgets is null)
        {
            problems.Add("Budgets is null; use CandidateBudgets.Warm or your own.");
        }
        else
        {
            Budgets.Validate(nameof(Budgets), problems);
        }

        if (ColdStartBudgets is null)
        {
            problems.Add("ColdStartBudgets is null; use CandidateBudgets.ColdStart or your own.");
        }
        else
        {
            ColdStartBudgets.Validate(nameof(ColdStartBudgets), problems);
        }

        return problems;
    }

    public void EnsureValid() => RecommendationOptionsException.ThrowIfAny(nameof(FeedOptions), Validate());

    /// <summary>Worst-case memory per tracked user: the ring plus the last page and its impressions kept for retries (~110 bytes an item).</summary>
    public static long EstimatedBytesPerUser(FeedOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return 128 + (8L * options.RecentlyServedPerUser) + (110L * options.MaxCount);
    }
}
