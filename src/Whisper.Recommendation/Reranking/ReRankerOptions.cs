using Whisper.Core.Domain;
using Whisper.Recommendation.Ranking;

namespace Whisper.Recommendation.Reranking;

/// <summary>Page-composition limits. Check with <see cref="Validate"/>; <see cref="ReRanker"/> refuses options with problems.</summary>
public sealed record ReRankerOptions
{
    /// <summary>At most this many videos of one creator per page.</summary>
    public int MaxPerCreator { get; init; } = 2;

    /// <summary>At most this many videos per main topic per page.</summary>
    public int MaxPerTopic { get; init; } = 3;

    /// <summary>Guaranteed share of fresh videos per page (floor), when there are enough.</summary>
    public double MinFreshShare { get; init; } = 0.1;

    /// <summary>Upper bound of the fresh share per page (ceiling).</summary>
    public double MaxFreshShare { get; init; } = 0.3;

    /// <summary>Request region → upload regions whose videos it may see; a region not listed sees everything.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> AvailableOrigins { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (MaxPerCreator < 1)
        {
            problems.Add($"MaxPerCreator is {MaxPerCreator}; use at least 1 (e.g. 2).");
        }

        if (MaxPerTopic < 1)
        {
            problems.Add($"MaxPerTopic is {MaxPerTopic}; use at least 1 (e.g. 3).");
        }

        if (!double.IsFinite(MinFreshShare) || MinFreshShare is < 0 or > 1)
        {
            problems.Add($"MinFreshShare is {MinFreshShare}; use a fraction in 0..1 (e.g. 0.1).");
        }

        if (!double.IsFinite(MaxFreshShare) || MaxFreshShare is < 0 or > 1)
        {
            problems.Add($"MaxFreshShare is {MaxFreshShare}; use a fraction in 0..1 (e.g. 0.3).");
        }
        else if (MinFreshShare > MaxFreshShare)
        {
            problems.Add($"MinFreshShare ({MinFreshShare}) is above MaxFreshShare ({MaxFreshShare}); lower the minimum or raise the maximum.");
        }

        if (AvailableOrigins is null)
        {
            problems.Add("AvailableOrigins is null; use an empty map for \"everything is available everywhere\".");
            return problems;
        }

        foreach (var (region, origins) in AvailableOrigins)
        {
            if (!Regions.IsKnown(region))
            {
                problems.Add($"AvailableOrigins has unknown region '{region}'; use one of {string.Join(", ", Regions.All)}.");
            }

            if (origins is null || origins.Count == 0)
            {
                problems.Add($"AvailableOrigins['{region}'] is empty; list at least one upload region, or remove the entry to allow all.");
                continue;
            }

            foreach (var origin in origins)
            {
                if (!Regions.IsKnown(origin))
                {
                    problems.Add($"AvailableOrigins['{region}'] has unknown upload region '{origin}'; use one of {string.Join(", ", Regions.All)}.");
                }
            }
        }

        return problems;
    }

    public void EnsureValid() => RecommendationOptionsException.ThrowIfAny(nameof(ReRankerOptions), Validate());
}
