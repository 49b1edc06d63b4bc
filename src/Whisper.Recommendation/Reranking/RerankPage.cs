namespace Whisper.Recommendation.Reranking;

/// <summary>The page being composed for one request, with the tallies page rules read. Not shared between requests.</summary>
public sealed class RerankPage
{
    private readonly Dictionary<long, int> _perCreator = [];
    private readonly Dictionary<long, int> _perTopic = [];

    public RerankPage(int target)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(target);
        Target = target;
    }

    /// <summary>Requested page size.</summary>
    public int Target { get; }

    public List<RankedCandidate> Items { get; } = [];

    public int Count => Items.Count;

    public int FreshCount { get; private set; }

    public int CountOfCreator(long creatorId) => _perCreator.GetValueOrDefault(creatorId);

    public int CountOfTopic(long topicKey) => _perTopic.GetValueOrDefault(topicKey);

    public void Add(in RankedCandidate candidate)
    {
        Items.Add(candidate);
        _perCreator[candidate.CreatorId] = CountOfCreator(candidate.CreatorId) + 1;
        if (candidate.TopTopic != 0)
        {
            _perTopic[candidate.TopTopic] = CountOfTopic(candidate.TopTopic) + 1;
        }

        if (candidate.IsFresh)
        {
            FreshCount++;
        }
    }
}
