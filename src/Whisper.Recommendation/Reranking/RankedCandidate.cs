using Whisper.Recommendation.Candidates;
using Whisper.Recommendation.Catalog;

namespace Whisper.Recommendation.Reranking;

/// <summary>A candidate after ranking, with the catalog facts the re-rank rules read.</summary>
public readonly record struct RankedCandidate(Candidate Candidate, float Score, VideoFacts Video)
{
    public long VideoId => Candidate.VideoId;

    public long CreatorId => Video.CreatorId;

    public bool IsFresh => Candidate.Origin == CandidateOrigin.Fresh;

    /// <summary>The video's first hashtag key (its main topic), 0 when it has none.</summary>
    public long TopTopic => Video.TopicKeys.Length > 0 ? Video.TopicKeys[0] : 0;
}
