using Whisper.Recommendation.Candidates;

namespace Whisper.Recommendation.Reranking;

/// <summary>A hard rule: a candidate it refuses never reaches the page, whatever its score.</summary>
public interface ICandidateFilter
{
    bool Keep(FeedRequest request, in RankedCandidate candidate);
}
