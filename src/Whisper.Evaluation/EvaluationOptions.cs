using Whisper.Evaluation.Data;
using Whisper.Evaluation.Splits;

namespace Whisper.Evaluation;

/// <summary>How an evaluation run splits, cuts and scores. Check with <see cref="Validate"/>.</summary>
public sealed record EvaluationOptions
{
    /// <summary>Every recommender returns this many items per user: Recall@50 and MRR are measured over them.</summary>
    public const int ListLength = 50;

    public SplitKind Split { get; init; } = SplitKind.Temporal;

    /// <summary>Temporal split: share of the time span held out at the end.</summary>
    public double TestFraction { get; init; } = 0.2;

    /// <summary>Cut-off of NDCG@k, Recall@k, coverage and creator Gini; 1..<see cref="ListLength"/>.</summary>
    public int K { get; init; } = 10;

    /// <summary>See <see cref="RelevanceRule.LongWatchFraction"/>.</summary>
    public double LongWatchFraction { get; init; } = RelevanceRule.DefaultLongWatchFraction;

    /// <summary>Seeds the random baseline, BPR and test-user sampling.</summary>
    public long Seed { get; init; } = 42;

    /// <summary>Evaluate at most this many test users (a seeded sample); null for all.</summary>
    public int? MaxTestUsers { get; init; }

    /// <summary>Worker threads for fitting and recommending; null for the runtime's choice. Results do not depend on it.</summary>
    public int? MaxDegreeOfParallelism { get; init; }

    public RelevanceRule Relevance => new() { LongWatchFraction = LongWatchFraction };

    /// <summary>Every problem, each naming the setting and the fix; empty when usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!Enum.IsDefined(Split))
        {
            problems.Add($"Split is {Split}; use Temporal or LeaveLastOut.");
        }

        if (!(TestFraction > 0 && TestFraction < 1))
        {
            problems.Add($"TestFraction is {TestFraction}; use a fraction in (0, 1), e.g. 0.2.");
        }

        if (K is < 1 or > ListLength)
        {
            problems.Add($"K is {K}; use 1..{ListLength}.");
        }

        if (!(LongWatchFraction > 0 && LongWatchFraction <= 2))
        {
            problems.Add($"LongWatchFraction is {LongWatchFraction}; use a share of the duration in (0, 2], e.g. 0.8.");
        }

        if (MaxTestUsers is < 1)
        {
            problems.Add($"MaxTestUsers is {MaxTestUsers}; use a positive count, or leave it unset for all test users.");
        }

        if (MaxDegreeOfParallelism is < 1)
        {
            problems.Add($"MaxDegreeOfParallelism is {MaxDegreeOfParallelism}; use a positive count, or leave it unset.");
        }

        return problems;
    }
}
