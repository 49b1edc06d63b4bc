using Whisper.Recommendation.Candidates;

namespace Whisper.Recommendation.Ranking;

/// <summary>
/// The ranker the feed serves with, swappable at run time: starts with the fallback (model score) and takes a
/// LightGBM ranker once one is trained and measures better. A request reads the slot once, so it never mixes two rankers.
/// </summary>
public sealed class RankerSlot(IVersionedRanker initial) : IVersionedRanker
{
    private IVersionedRanker _current = initial ?? throw new ArgumentNullException(nameof(initial));

    public IVersionedRanker Current => Volatile.Read(ref _current);

    public string Version => Current.Version;

    public void Swap(IVersionedRanker next)
    {
        ArgumentNullException.ThrowIfNull(next);
        Volatile.Write(ref _current, next);
    }

    public void Score(FeedRequest request, ReadOnlySpan<Candidate> candidates, Span<float> scores) =>
        Current.Score(request, candidates, scores);

    public void Score(FeedRequest request, ReadOnlySpan<Candidate> candidates, ReadOnlySpan<float> modelScores, Span<float> scores) =>
        Current.Score(request, candidates, modelScores, scores);
}
