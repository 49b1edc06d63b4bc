namespace Whisper.Evaluation.Metrics;

/// <summary>
/// Keeps the best <c>capacity</c> (item, score) pairs seen, in caller-provided buffers: a min-heap whose root is the
/// worst kept pair. Order: higher score first, lower item index on a tie, so results are deterministic. NaN and
/// −∞ scores are never kept (a recommender marks excluded items with −∞). O(n log k), no allocation.
/// </summary>
internal ref struct TopKHeap
{
    private readonly Span<int> _items;
    private readonly Span<float> _scores;
    private int _count;

    public TopKHeap(Span<int> items, Span<float> scores)
    {
        if (scores.Length < items.Length)
        {
            throw new ArgumentException("The score buffer must be at least as long as the item buffer.", nameof(scores));
        }

        _items = items;
        _scores = scores;
        _count = 0;
    }

    public readonly int Count => _count;

    public void Offer(int item, float score)
    {
        if (float.IsNaN(score) || float.IsNegativeInfinity(score) || _items.IsEmpty)
        {
            return;
        }

        if (_count < _items.Length)
        {
            var at = _count++;
            _items[at] = item;
            _scores[at] = score;
            SiftUp(at);
            return;
        }

        if (!Better(item, score, _items[0], _scores[0]))
        {
            return;
        }

        _items[0] = item;
        _scores[0] = score;
        SiftDown(0);
    }

    /// <summary>Writes the kept items best first into <paramref name="into"/> and empties the heap; returns the count.</summary>
    public int Drain(Span<int> into) => Drain(into, []);

    /// <summary>Like <see cref="Drain(Span{int})"/>, also writing each item's score when <paramref name="intoScores"/> is not empty.</summary>
    public int Drain(Span<int> into, Span<float> intoScores)
    {
        var n = _count;
        while (_count > 0)
        {
            var last = --_count;
            into[last] = _items[0];
            if (!intoScores.IsEmpty)
            {
                intoScores[last] = _scores[0];
            }

            _items[0] = _items[last];
            _scores[0] = _scores[last];
            SiftDown(0);
        }

        return n;
    }

    private static bool Better(int item, float score, int otherItem, float otherScore) =>
        score > otherScore || (score == otherScore && item < otherItem);

    private readonly void SiftUp(int at)
    {
        while (at > 0)
        {
            var parent = (at - 1) / 2;
            if (!Better(_items[parent], _scores[parent], _items[at], _scores[at]))
            {
                return;
            }

            Swap(at, parent);
            at = parent;
        }
    }

    private readonly void SiftDown(int at)
    {
        while (true)
        {
            var left = (2 * at) + 1;
            if (left >= _count)
            {
                return;
            }

            var worst = left;
            var right = left + 1;
            if (right < _count && Better(_items[left], _scores[left], _items[right], _scores[right]))
            {
                worst = right;
            }

            if (!Better(_items[at], _scores[at], _items[worst], _scores[worst]))
            {
                return;
            }

            Swap(at, worst);
            at = worst;
        }
    }

    private readonly void Swap(int a, int b)
    {
        (_items[a], _items[b]) = (_items[b], _items[a]);
        (_scores[a], _scores[b]) = (_scores[b], _scores[a]);
    }
}
