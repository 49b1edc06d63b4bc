namespace Whisper.Recommendation.Candidates;

/// <summary>
/// Brute-force inner-product search over a flat row-major array: the recall baseline for <see cref="AnnIndex"/> and a
/// correct index for small catalogs and tests. Search is O(n·d) with SIMD dot products (100k × 32 ≈ 1–2 ms per query
/// on one core). Reads share a lock; writes are exclusive.
/// </summary>
public sealed class ExactVectorIndex : IVideoVectorIndex, IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<long, int> _rowOf = [];
    private float[] _vectors;
    private long[] _ids;
    private int _count;

    public ExactVectorIndex(int dimension, int initialCapacity = 1024)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(initialCapacity);
        Dimension = dimension;
        var capacity = Math.Max(initialCapacity, 16);
        _vectors = new float[capacity * dimension];
        _ids = new long[capacity];
    }

    public int Dimension { get; }

    public int Count => Volatile.Read(ref _count);

    public void Upsert(long videoId, ReadOnlySpan<float> vector)
    {
        CheckVector(vector, nameof(vector));
        _lock.EnterWriteLock();
        try
        {
            if (!_rowOf.TryGetValue(videoId, out var row))
            {
                row = _count;
                if (row == _ids.Length)
                {
                    Array.Resize(ref _ids, _ids.Length * 2);
                    Array.Resize(ref _vectors, _vectors.Length * 2);
                }

                _ids[row] = videoId;
                _rowOf[videoId] = row;
                Volatile.Write(ref _count, row + 1);
            }

            vector.CopyTo(_vectors.AsSpan(row * Dimension, Dimension));
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public bool Remove(long videoId)
    {
        _lock.EnterWriteLock();
        try
        {
            if (!_rowOf.Remove(videoId, out var row))
            {
                return false;
            }

            // Move the last row into the hole so rows stay dense.
            var last = _count - 1;
            if (row != last)
            {
                _ids[row] = _ids[last];
                _vectors.AsSpan(last * Dimension, Dimension).CopyTo(_vectors.AsSpan(row * Dimension, Dimension));
                _rowOf[_ids[row]] = row;
            }

            Volatile.Write(ref _count, last);
            return true;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public int Search(ReadOnlySpan<float> query, Span<VectorMatch> results)
    {
        CheckVector(query, nameof(query));
        _lock.EnterReadLock();
        try
        {
            var top = new TopMatches(results);
            var vectors = _vectors.AsSpan(0, _count * Dimension);
            for (var row = 0; row < _count; row++)
            {
                top.Offer(new VectorMatch(_ids[row], VectorDot.Dot(query, vectors.Slice(row * Dimension, Dimension))));
            }

            return top.Finish();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void Dispose() => _lock.Dispose();

    private void CheckVector(ReadOnlySpan<float> vector, string name)
    {
        if (vector.Length != Dimension)
        {
            throw new ArgumentException($"Vector has {vector.Length} values; this index holds {Dimension}-dimensional vectors.", name);
        }

        if (!VectorDot.AllFinite(vector))
        {
            throw new ArgumentException("Vector has a NaN or infinite value; only finite vectors can be indexed or searched.", name);
        }
    }
}
