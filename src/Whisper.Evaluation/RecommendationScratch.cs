namespace Whisper.Evaluation;

/// <summary>
/// Per-thread working memory for <see cref="IRecommender.Recommend"/>: the harness makes one per worker and reuses
/// it for every user that worker serves, so recommending allocates nothing. ~9 bytes per catalog item
/// (100k videos ≈ 0.9 MB per worker).
/// </summary>
public sealed class RecommendationScratch
{
    private readonly float[] _scores;
    private readonly int[] _items;
    private readonly int[] _heapItems;
    private readonly float[] _heapScores;
    private float[] _vector = [];

    public RecommendationScratch(int itemCount, int listLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(itemCount);
        ArgumentOutOfRangeException.ThrowIfNegative(listLength);
        _scores = new float[itemCount];
        _items = new int[itemCount];
        _heapItems = new int[listLength];
        _heapScores = new float[listLength];
    }

    /// <summary>One float per item. Zero on first use; a recommender that relies on zeros must restore them.</summary>
    public Span<float> Scores => _scores;

    /// <summary>One int per item, e.g. the items a sparse scorer touched.</summary>
    public Span<int> Items => _items;

    internal Span<int> HeapItems => _heapItems;

    internal Span<float> HeapScores => _heapScores;

    /// <summary>A reusable vector of <paramref name="length"/> floats (contents undefined).</summary>
    public Span<float> Vector(int length)
    {
        if (_vector.Length < length)
        {
            _vector = new float[length];
        }

        return _vector.AsSpan(0, length);
    }
}
