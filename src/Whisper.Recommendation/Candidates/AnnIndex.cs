using Cloud.Unum.USearch;

namespace Whisper.Recommendation.Candidates;

/// <summary>
/// Approximate maximum-inner-product search over video vectors: an HNSW graph in USearch (native, f32). The model
/// scores a pair by dot product, so the index must rank by dot product; cosine would drop each video's norm, which a
/// two-tower model uses for popularity. By default the graph is built on the dot product itself
/// (<see cref="AnnSearchSpace.InnerProduct"/>; USearch reports 1 − q·v). That finds only ~0.6 of the exact top 10 on
/// trained vectors, so <see cref="AnnSearchSpace.L2Transform"/> can instead store each vector v as the (d + 1)-vector
/// [v, √(M² − ‖v‖²)] under squared L2, M being <see cref="AnnIndexOptions.MaxNorm"/>, and search [q, 0]: then ‖q′ − v′‖² = ‖q‖² + M² − 2 q·v, so the nearest
/// are exactly the largest dot products (Bachrach et al., RecSys 2014), and <see cref="Search"/> turns the distance
/// back into q·v. Measured in docs/retrieval.md. A vector longer than M is stored with 0 as its extra value
/// (under-ranked by (‖v‖² − M²) / 2) and counted in <see cref="VectorsOverMaxNorm"/>: rebuild with a larger bound.
/// <para>
/// Concurrency (checked in USearch's source and issue tracker for 2.26, see docs/retrieval.md): growing the index
/// ("reserve", which the .NET binding's <c>Add</c> may do on any call) must not overlap any other call; each native
/// call takes one of a fixed set of per-thread contexts sized to the machine's cores, and running out of them is
/// undefined behaviour in release builds; concurrent adds have an open bug that can strand nodes. So: writes are
/// exclusive, one vector per lock hold so searches wait at most one insert (~0.1 ms); searches share the lock and
/// are capped at <see cref="Environment.ProcessorCount"/> in flight. The lock and slot cost ~170 ns per search against
/// ~200 µs of search at 100k videos (bench: <c>lock_overhead_ns_per_search</c>, <c>hnsw_queries_per_s</c>).
/// </para>
/// </summary>
public sealed class AnnIndex : IVideoVectorIndex, IDisposable
{
    [ThreadStatic]
    private static float[]? t_query;

    private readonly USearchIndex _index;
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly SemaphoreSlim _searchSlots = new(Environment.ProcessorCount, Environment.ProcessorCount);
    private readonly float[] _insertBuffer;
    private readonly float _maxNormSquared;
    private readonly bool _transform;
    private int _count;
    private long _overMaxNorm;
    private long _replacements;
    private bool _disposed;

    public AnnIndex(int dimension, AnnIndexOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        Options = options ?? AnnIndexOptions.Default;
        CandidateOptionsException.ThrowIfAny(Options.Validate());
        Dimension = dimension;
        _transform = Options.Space == AnnSearchSpace.L2Transform;
        _insertBuffer = new float[StoredDimension(dimension)];
        _maxNormSquared = Options.MaxNorm * Options.MaxNorm;
        _index = new USearchIndex(
            _transform ? MetricKind.L2sq : MetricKind.Ip,
            ScalarKind.Float32,
            (ulong)_insertBuffer.Length,
            (ulong)Options.Connectivity,
            (ulong)Options.ExpansionAdd,
            (ulong)Options.ExpansionSearch,
            multi: false);
    }

    private AnnIndex(int dimension, AnnIndexOptions options, USearchIndex index)
    {
        Options = options;
        Dimension = dimension;
        _transform = options.Space == AnnSearchSpace.L2Transform;
        _insertBuffer = new float[StoredDimension(dimension)];
        _maxNormSquared = options.MaxNorm * options.MaxNorm;
        _index = index;
        _count = checked((int)index.Size());
    }

    /// <summary>
    /// Loads an index written by <see cref="Save"/>: USearch's own file, and beside it (<c>path + ".maxnorm"</c>) the
    /// bound M its vectors were stored under, which replaces <paramref name="options"/>' <see cref="AnnIndexOptions.MaxNorm"/>
    /// (<paramref name="options"/>' <see cref="AnnIndexOptions.Space"/> must be the one it was built in).
    /// Loading 100k vectors takes well under a second, against 30–60 s to build them one by one on a 2-vCPU box.
    /// </summary>
    /// <exception cref="InvalidDataException">The bound file is missing or unreadable, or the index does not hold
    /// as many values per vector as the space needs (e.g. a file from before the transform): rebuild.</exception>
    public static AnnIndex Load(string path, int dimension, AnnIndexOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        var bound = MaxNormFile(path);
        if (!File.Exists(bound) || !float.TryParse(File.ReadAllText(bound).Trim(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var maxNorm))
        {
            throw new InvalidDataException($"{bound} is missing or unreadable; the index cannot be searched without its norm bound, rebuild it.");
        }

        var resolved = (options ?? AnnIndexOptions.Default) with { MaxNorm = maxNorm };
        CandidateOptionsException.ThrowIfAny(resolved.Validate());
        var index = new USearchIndex(path);
        var stored = resolved.Space == AnnSearchSpace.L2Transform ? dimension + 1 : dimension;
        if (index.Dimensions() != (ulong)stored)
        {
            var held = index.Dimensions();
            index.Dispose();
            throw new InvalidDataException($"{path} holds {held}-value vectors, not {stored} ({resolved.Space}, dimension {dimension}); rebuild it.");
        }

        return new AnnIndex(dimension, resolved, index);
    }

    /// <summary>Where <see cref="Save"/> writes the norm bound beside the index file (move and delete the two together).</summary>
    public static string MaxNormFile(string indexPath) => indexPath + ".maxnorm";

    private int StoredDimension(int dimension) => _transform ? dimension + 1 : dimension;

    /// <summary>Writes the whole index to <paramref name="path"/> (exclusive: writers and searches wait).</summary>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _lock.EnterWriteLock();
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _index.Save(path);
            File.WriteAllText(MaxNormFile(path), Options.MaxNorm.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public AnnIndexOptions Options { get; }

    public int Dimension { get; }

    public int Count => Volatile.Read(ref _count);

    /// <summary>
    /// Vectors replaced in place since the index was built. A replaced video keeps its graph slot but its old edges
    /// point to where it used to be, so recall slowly erodes with churn (bench: 0.998 → 0.972 after 10% inserts and
    /// 10% updates); rebuild in the background and swap when this passes about half of <see cref="Count"/>.
    /// </summary>
    public long Replacements => Interlocked.Read(ref _replacements);

    /// <summary>Vectors inserted with a norm above <see cref="AnnIndexOptions.MaxNorm"/> (stored under-ranked; rebuild with a larger bound).</summary>
    public long VectorsOverMaxNorm => Interlocked.Read(ref _overMaxNorm);

    /// <summary>The SIMD kernel USearch picked on this machine (e.g. "haswell"), for benchmark reports.</summary>
    public string HardwareAcceleration
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                return _index.HardwareAcceleration();
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    /// <summary>Adds or replaces the video's vector (replace = remove + add: USearch reuses the freed slot, so repeated updates do not grow the index).</summary>
    public void Upsert(long videoId, ReadOnlySpan<float> vector)
    {
        CheckVector(vector, nameof(vector));
        ArgumentOutOfRangeException.ThrowIfNegative(videoId);
        var key = (ulong)videoId;
        _lock.EnterWriteLock();
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            vector.CopyTo(_insertBuffer);
            if (_transform)
            {
                var extra = _maxNormSquared - VectorDot.Dot(vector, vector);
                if (extra < 0)
                {
                    Interlocked.Increment(ref _overMaxNorm);
                }

                _insertBuffer[Dimension] = extra > 0 ? MathF.Sqrt(extra) : 0f;
            }

            var existed = _index.Remove(key) > 0;
            try
            {
                _index.Add(key, _insertBuffer);
            }
            catch (USearchException)
            {
                if (existed)
                {
                    Volatile.Write(ref _count, _count - 1);
                }

                throw;
            }

            if (existed)
            {
                Interlocked.Increment(ref _replacements);
            }
            else
            {
                Volatile.Write(ref _count, _count + 1);
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public bool Remove(long videoId)
    {
        if (videoId < 0)
        {
            return false;
        }

        _lock.EnterWriteLock();
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_index.Remove((ulong)videoId) == 0)
            {
                return false;
            }

            Volatile.Write(ref _count, _count - 1);
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
        if (results.IsEmpty)
        {
            return 0;
        }

        var length = _insertBuffer.Length;
        var buffer = t_query is { } cached && cached.Length == length ? cached : t_query = new float[length];
        query.CopyTo(buffer);
        if (_transform)
        {
            buffer[Dimension] = 0f;
        }

        var queryNormSquared = VectorDot.Dot(query, query);
        ulong[] keys;
        float[] distances;
        int found;
        _searchSlots.Wait();
        try
        {
            _lock.EnterReadLock();
            try
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                if (_count == 0)
                {
                    return 0;
                }

                // The binding allocates the two result arrays per call (k × 12 bytes); it has no span overload.
                found = _index.Search(buffer, results.Length, out keys, out distances);
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
        finally
        {
            _searchSlots.Release();
        }

        for (var i = 0; i < found; i++)
        {
            // Transform: ‖q′ − v′‖² = ‖q‖² + M² − 2 q·v for a vector within the bound; inner product: USearch reports 1 − q·v.
            var score = _transform ? (queryNormSquared + _maxNormSquared - distances[i]) / 2f : 1f - distances[i];
            results[i] = new VectorMatch((long)keys[i], score);
        }

        return found;
    }

    public void Dispose()
    {
        _lock.EnterWriteLock();
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _index.Dispose();
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

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
