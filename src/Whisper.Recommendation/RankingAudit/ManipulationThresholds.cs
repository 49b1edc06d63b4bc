namespace Whisper.Recommendation.RankingAudit;

/// <summary>
/// When a difference between served and expected exposure is a finding (docs/manipulation-audit.md, "Statistics"):
/// it must be both significant — a binomial tail below <see cref="FamilyAlpha"/> shared out over every entity tested
/// in the dimension (Bonferroni) — and large: at least <see cref="MinRatio"/> times the expected exposure (boost) or at
/// most its 1/<see cref="MinRatio"/> (suppression), on at least <see cref="MinSupport"/> slots.
/// </summary>
public sealed record ManipulationThresholds
{
    /// <summary>Chance of one or more false findings per dimension on a build with no hidden hand, if slots were independent.</summary>
    public double FamilyAlpha { get; init; } = 0.001;

    /// <summary>Smallest exposure ratio (served + 1) / (expected + 1) that counts as a boost; its inverse as a suppression.</summary>
    public double MinRatio { get; init; } = 2.0;

    /// <summary>Fewest slots (served + expected) an entity needs before it is tested.</summary>
    public int MinSupport { get; init; } = 20;

    /// <summary>Example request ids kept per finding.</summary>
    public int Examples { get; init; } = 5;

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!double.IsFinite(FamilyAlpha) || FamilyAlpha is <= 0 or >= 1)
        {
            problems.Add($"FamilyAlpha is {FamilyAlpha}; use a probability in (0, 1), e.g. 0.001.");
        }

        if (!double.IsFinite(MinRatio) || MinRatio <= 1)
        {
            problems.Add($"MinRatio is {MinRatio}; use a ratio above 1, e.g. 2.");
        }

        if (MinSupport < 1)
        {
            problems.Add($"MinSupport is {MinSupport}; use at least 1 slot, e.g. 20.");
        }

        if (Examples is < 0 or > 100)
        {
            problems.Add($"Examples is {Examples}; use 0..100.");
        }

        return problems;
    }
}
