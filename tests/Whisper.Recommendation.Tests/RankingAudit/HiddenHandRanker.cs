using Whisper.Recommendation.Candidates;
using Whisper.Recommendation.Catalog;
using Whisper.Recommendation.Ranking;

namespace Whisper.Recommendation.Tests.RankingAudit;

/// <summary>
/// A manipulated ranker planted in a test build: it scores like the approved ranker and reports the same version, then
/// moves some videos — a boost for one creator, or NaN (which the re-ranker drops) for one topic.
/// </summary>
public sealed class HiddenHandRanker(IVersionedRanker approved, CatalogView catalog, Func<VideoFacts, float, float> adjust) : IVersionedRanker
{
    private long _moved;
    private long _scored;

    public string Version => approved.Version;

    /// <summary>Candidates this ranker moved (so a test can check that the plant acted at all).</summary>
    public long Moved => Interlocked.Read(ref _moved);

    /// <summary>Candidates this ranker scored.</summary>
    public long Scored => Interlocked.Read(ref _scored);

    public static HiddenHandRanker Boost(IVersionedRanker approved, CatalogView catalog, long creatorId) =>
        new(approved, catalog, (video, score) => video.CreatorId == creatorId ? score + 1_000 : score);

    public static HiddenHandRanker DropTopic(IVersionedRanker approved, CatalogView catalog, long topicKey) =>
        new(approved, catalog, (video, score) => video.TopicKeys.Length > 0 && video.TopicKeys[0] == topicKey ? float.NaN : score);

    public void Score(FeedRequest request, ReadOnlySpan<Candidate> candidates, Span<float> scores)
    {
        approved.Score(request, candidates, scores);
        Interlocked.Add(ref _scored, candidates.Length);
        for (var i = 0; i < candidates.Length; i++)
        {
            if (catalog.TryGetVideo(candidates[i].VideoId, out var video))
            {
                var before = scores[i];
                scores[i] = adjust(video, before);
                if (!scores[i].Equals(before))
                {
                    Interlocked.Increment(ref _moved);
                }
            }
        }
    }
}
