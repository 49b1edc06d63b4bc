using Whisper.Recommendation.Candidates;

namespace Whisper.Recommendation.Reranking;

/// <summary>
/// Serve a video only where it is available: a request from region R may see a video uploaded to region O when the
/// availability map has no entry for R (everything is available there, the default) or R's entry lists O.
/// E.g. <c>{ "us": ["us"] }</c> makes a US-only feed while other regions still see everything.
/// </summary>
public sealed class RegionAvailabilityRule : ICandidateFilter
{
    private readonly Dictionary<string, HashSet<string>> _available;

    public RegionAvailabilityRule(IReadOnlyDictionary<string, IReadOnlyList<string>> availableOrigins)
    {
        ArgumentNullException.ThrowIfNull(availableOrigins);
        _available = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var (region, origins) in availableOrigins)
        {
            _available[region] = new HashSet<string>(origins, StringComparer.Ordinal);
        }
    }

    public bool Keep(FeedRequest request, in RankedCandidate candidate)
    {
        ArgumentNullException.ThrowIfNull(request);
        return !_available.TryGetValue(request.Region, out var origins) || origins.Contains(candidate.Video.OriginRegion);
    }
}
