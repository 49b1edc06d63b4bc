namespace Whisper.Recommendation.Reranking;

/// <summary>
/// Bounds the share of a page from <see cref="Candidates.CandidateOrigin.Fresh"/>: at least ⌊target · min⌋ (when enough
/// fresh candidates pass the other rules — the re-ranker reserves the last slots for them) and at most
/// max(minimum, ⌈target · max⌉). Fresh videos get exposure they could not win on score yet; the cap keeps quality up.
/// </summary>
public sealed class FreshShareRule : IPageRule
{
    public FreshShareRule(double minShare, double maxShare)
    {
        if (!(minShare >= 0 && minShare <= maxShare && maxShare <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(minShare), $"need 0 ≤ minShare ({minShare}) ≤ maxShare ({maxShare}) ≤ 1.");
        }

        MinShare = minShare;
        MaxShare = maxShare;
    }

    public double MinShare { get; }

    public double MaxShare { get; }

    public int Minimum(int target) => (int)Math.Floor((target * MinShare) + 1e-9);

    public int Maximum(int target) => Math.Max(Minimum(target), (int)Math.Ceiling((target * MaxShare) - 1e-9));

    public bool Admits(RerankPage page, in RankedCandidate candidate)
    {
        ArgumentNullException.ThrowIfNull(page);
        return !candidate.IsFresh || page.FreshCount < Maximum(page.Target);
    }
}
