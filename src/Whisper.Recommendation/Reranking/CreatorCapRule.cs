namespace Whisper.Recommendation.Reranking;

/// <summary>At most <see cref="MaxPerCreator"/> videos of one creator per page.</summary>
public sealed class CreatorCapRule(int maxPerCreator) : IPageRule
{
    public int MaxPerCreator { get; } = maxPerCreator >= 1 ? maxPerCreator : throw new ArgumentOutOfRangeException(nameof(maxPerCreator));

    public bool Admits(RerankPage page, in RankedCandidate candidate)
    {
        ArgumentNullException.ThrowIfNull(page);
        return page.CountOfCreator(candidate.CreatorId) < MaxPerCreator;
    }
}
