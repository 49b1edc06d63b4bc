using Whisper.Recommendation.Candidates;

namespace Whisper.Recommendation.Reranking;

/// <summary>Never serve a video of a creator in <see cref="FeedRequest.BlockedCreators"/>.</summary>
public sealed class BlockedCreatorRule : ICandidateFilter
{
    public bool Keep(FeedRequest request, in RankedCandidate candidate)
    {
        ArgumentNullException.ThrowIfNull(request);
        return !request.BlockedCreators.Contains(candidate.CreatorId);
    }
}
