using Whisper.Recommendation.Candidates;

namespace Whisper.Recommendation.Reranking;

/// <summary>Never serve a video in <see cref="FeedRequest.RecentlyServed"/> again.</summary>
public sealed class RecentlyServedRule : ICandidateFilter
{
    public bool Keep(FeedRequest request, in RankedCandidate candidate)
    {
        ArgumentNullException.ThrowIfNull(request);
        return !request.RecentlyServed.Contains(candidate.VideoId);
    }
}
