using Whisper.Recommendation.Candidates;
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

    /// <summary>Source budgets (warm and cold start) and the merge cap; the one merge is <see cref="CandidateSourceSet"/>.</summary>
    public CandidateSourceSetOptions Candidates { get; init; } = CandidateSourceSetOptions.Default;

    /// <summary>
    /// Only the best <c>RankTopK</c> candidates by model score (by source score in cold start) go through the ranker;
    /// the rest keep their pre-rank order below them. 0 ranks every candidate. LightGBM costs ~8 µs per row and
    /// objective × 4 objectives, so 64 of ~380 candidates cuts ranking from ~11 ms to ~2 ms per request; a page is
    /// ≤ 50 items and the re-ranker still sees the tail (docs/feed.md).
    /// </summary>
    public int RankTopK { get; init; } = 64;

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

        if (Candidates is null)
        {
            problems.Add("Candidates is null; use CandidateSourceSetOptions.Default or your own budgets.");
        }
        else
        {
            problems.AddRange(Candidates.Validate());
        }

        if (RankTopK is < 0 or > SourceBudgets.MaxBudget)
        {
            problems.Add($"RankTopK is {RankTopK}; use 0 (rank all) or 1..{SourceBudgets.MaxBudget} (e.g. 64).");
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
