namespace Whisper.Recommendation.Reranking;

/// <summary>A page-composition rule: whether <paramref name="candidate"/> may join the page as it stands.</summary>
public interface IPageRule
{
    bool Admits(RerankPage page, in RankedCandidate candidate);
}
