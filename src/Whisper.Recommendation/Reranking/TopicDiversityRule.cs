namespace Whisper.Recommendation.Reranking;

/// <summary>
/// At most <see cref="MaxPerTopic"/> videos per page share a main topic (first hashtag's <see cref="Catalog.TopicKey"/>).
/// Videos without hashtags are not limited.
/// </summary>
public sealed class TopicDiversityRule(int maxPerTopic) : IPageRule
{
    public int MaxPerTopic { get; } = maxPerTopic >= 1 ? maxPerTopic : throw new ArgumentOutOfRangeException(nameof(maxPerTopic));

    public bool Admits(RerankPage page, in RankedCandidate candidate)
    {
        ArgumentNullException.ThrowIfNull(page);
        return candidate.TopTopic == 0 || page.CountOfTopic(candidate.TopTopic) < MaxPerTopic;
    }
}
