using Whisper.Core.Domain;
using Whisper.Recommendation.Candidates;
using Whisper.Recommendation.Catalog;
using Whisper.Recommendation.Reranking;

namespace Whisper.Recommendation.Tests.Reranking;

/// <summary>Builds ranked candidates for re-rank tests.</summary>
internal static class Ranked
{
    public static readonly FeedRequest Request = new(1, Regions.Us, new DateTimeOffset(2026, 1, 10, 0, 0, 0, TimeSpan.Zero), 10);

    public static RankedCandidate Of(long videoId, float score, long creatorId = 0, CandidateOrigin origin = CandidateOrigin.Ann, string? topic = null, string region = Regions.Us)
    {
        long[] topics = topic is null ? [] : [TopicKey.Of(topic)];
        var facts = new VideoFacts(videoId, creatorId == 0 ? videoId : creatorId, 15_000, 0, topics, region);
        return new RankedCandidate(new Candidate(videoId, score, origin), score, facts);
    }

    /// <summary>Videos 1..n, each its own creator and topic, scores n..1 (video 1 is best).</summary>
    public static RankedCandidate[] Distinct(int n) => [.. Enumerable.Range(1, n).Select(i => Of(i, n - i + 1, topic: "t" + i))];
}
