namespace Whisper.Recommendation.Candidates;

/// <summary>
/// Budgets of <see cref="CandidateSourceSet"/>. <see cref="Warm"/> applies when the request has a user vector;
/// <see cref="ColdStart"/> when it has none (new or unknown user): there the ANN share goes to trending and fresh.
/// Bind through IOptions; <see cref="Validate"/> reports every problem at once.
/// </summary>
public sealed record CandidateSourceSetOptions
{
    public static CandidateSourceSetOptions Default { get; } = new();

    /// <summary>
    /// A user the model knows: mostly personal retrieval. ANN 150 (was 300): the feed ranks only the best 64 by model
    /// score (<c>FeedOptions.RankTopK</c>), and those come from the head of the ANN list, so the deeper half only
    /// padded the tail while HNSW search cost grows with k (USearch searches with max(ef, k)). Measured by
    /// <c>whisper bench feed</c> (<c>ann_budget</c>: recall of the exact top 10 / top 64 at both budgets) and docs/feed.md.
    /// </summary>
    public SourceBudgets Warm { get; init; } = new(Ann: 150, Following: 50, Trending: 80, Fresh: 40, Live: 10);

    /// <summary>A user without a vector: trending and fresh, plus anything followed or live.</summary>
    public SourceBudgets ColdStart { get; init; } = new(Ann: 0, Following: 50, Trending: 250, Fresh: 120, Live: 20);

    /// <summary>Most candidates one request collects; sources past it are not asked.</summary>
    public int MaxTotal { get; init; } = 600;

    /// <summary>Largest share of <see cref="Warm"/>'s total that may go to exploration (fresh), so a known user's candidates stay mostly personal.</summary>
    public double MaxExplorationShare { get; init; } = 0.25;

    /// <summary>The budgets for this request.</summary>
    public SourceBudgets For(FeedRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.UserVector.Length == 0 ? ColdStart : Warm;
    }

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Warm is null)
        {
            problems.Add("Candidates.Warm is missing; give a budget per source, e.g. { \"Ann\": 300, \"Trending\": 80 }.");
        }
        else
        {
            Warm.Validate("Candidates.Warm", problems);
        }

        if (ColdStart is null)
        {
            problems.Add("Candidates.ColdStart is missing; give a budget per source, e.g. { \"Trending\": 250, \"Fresh\": 120 }.");
        }
        else
        {
            ColdStart.Validate("Candidates.ColdStart", problems);
            if (ColdStart.Ann > 0)
            {
                problems.Add($"Candidates.ColdStart.Ann is {ColdStart.Ann} but cold-start requests have no user vector; set it to 0 and give the share to Trending or Fresh.");
            }
        }

        if (MaxTotal is < 1 or > SourceBudgets.MaxBudget)
        {
            problems.Add($"Candidates.MaxTotal is {MaxTotal}; use 1..{SourceBudgets.MaxBudget} (default 600).");
        }

        if (!double.IsFinite(MaxExplorationShare) || MaxExplorationShare is < 0 or > 1)
        {
            problems.Add($"Candidates.MaxExplorationShare is {MaxExplorationShare}; use 0..1 (default 0.25).");
        }
        else if (Warm is not null && Warm.Total > 0 && Warm.Fresh > MaxExplorationShare * Warm.Total)
        {
            problems.Add($"Candidates.Warm.Fresh is {Warm.Fresh}, over MaxExplorationShare ({MaxExplorationShare:0.##}) of the warm total {Warm.Total}; lower it to at most {(int)(MaxExplorationShare * Warm.Total)}.");
        }

        return problems;
    }
}
