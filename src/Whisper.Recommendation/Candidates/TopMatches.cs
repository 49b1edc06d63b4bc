namespace Whisper.Recommendation.Candidates;

/// <summary>
/// Bounded top-k selection in the caller's buffer: a min-heap of the best k seen so far (O(n log k), no allocation),
/// then an in-place heap sort to best-first. Ties break towards the lower video id so results are deterministic.
/// </summary>
internal ref struct TopMatches
{
    private readonly Span<VectorMatch> _heap;
    private int _count;

    public TopMatches(Span<VectorMatch> buffer)
    {
        _heap = buffer;
        _count = 0;
    }

    public readonly int Count => _count;

    /// <summary>True when <paramref name="a"/> ranks below <paramref name="b"/>.</summary>
    public static bool Worse(VectorMatch a, VectorMatch b) => a.Score < b.Score || (a.Score == b.Score && a.VideoId > b.VideoId);

    public void Offer(VectorMatch match)
    {
        if (_count < _heap.Length)
        {
            _heap[_count] = match;
            SiftUp(_count++);
        }
        else if (_heap.Length > 0 && Worse(_heap[0], match))
        {
            _heap[0] = match;
            SiftDown(0, _count);
        }
    }

    /// <summary>Sorts the kept matches best first and returns how many there are.</summary>
    public int Finish()
    {
        // Heap sort on a min-heap: repeatedly move the worst to the end, leaving best first.
        for (var end = _count - 1; end > 0; end--)
        {
            (_heap[0], _heap[end]) = (_heap[end], _heap[0]);
            SiftDown(0, end);
        }

        return _count;
    }

    private readonly void SiftUp(int at)
    {
        while (at > 0)
        {
            var parent = (at - 1) / 2;
            if (!Worse(_heap[at], _heap[parent]))
            {
                return;
            }

            (_heap[at], _heap[parent]) = (_heap[parent], _heap[at]);
            at = parent;
        }
    }

    private readonly void SiftDown(int at, int count)
    {
        while (true)
        {
            var left = (2 * at) + 1;
            if (left >= count)
            {
                return;
            }

            var worst = left + 1 < count && Worse(_heap[left + 1], _heap[left]) ? left + 1 : left;
            if (!Worse(_heap[worst], _heap[at]))
            {
                return;
            }

            (_heap[at], _heap[worst]) = (_heap[worst], _heap[at]);
            at = worst;
        }
    }
}
