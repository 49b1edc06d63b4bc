namespace Whisper.Recommendation.Embeddings;

/// <summary>
/// A collisionless embedding table keyed by 64-bit ids: open addressing (linear probing) over the full key, so two
/// ids never share a row — unlike hashing ids into a fixed number of buckets. Rows live in 4,096-row pages of one
/// contiguous float slab each ([weights | Adagrad accumulators] per row), allocated as rows are admitted and never
/// moved, so a row index stays valid and readers need no lock.
/// <para>
/// Admission (<see cref="Touch"/>): an id gets a row on its <see cref="EmbeddingTableOptions.AdmitAfter"/>-th sighting
/// (earlier ones are counted in a bounded <see cref="PendingCounts"/>); its weights are initialised from (seed, id)
/// alone, so a restart or another region reproduces them. Expiry (<see cref="Sweep"/>): rows unused for longer than
/// the TTL in event time are freed. Bound: at <see cref="EmbeddingTableOptions.MaxRows"/> an admission first sweeps
/// expired rows, else is refused and counted.
/// </para>
/// <para>
/// Threading: one writer (the trainer thread) calls <see cref="Touch"/>, <see cref="Sweep"/> and the mutable
/// accessors; any number of readers call <see cref="TryGetRow"/> and <see cref="Weights"/> concurrently. A reader
/// may see a row mid-update (some weights old, some new) or briefly miss a row that is being admitted or evicted;
/// it never sees another id's row under this id's key, because the slot index is only ever swapped whole after a
/// sweep and each probe compares the full 64-bit id.
/// </para>
/// </summary>
public sealed partial class EmbeddingTable
{
    internal const int PageShift = 12;
    internal const int PageRows = 1 << PageShift;
    private const int InitialSlots = 1 << 10;
    private const long FreeRow = long.MinValue;

    private readonly EmbeddingTableOptions _options;
    private readonly int _width;
    private readonly int _stride;
    private readonly long _ttlMs;
    private readonly int _maxSlots;
    private readonly float[]?[] _slabs;
    private readonly long[]?[] _ids;
    private readonly long[]?[] _lastSeen;
    private readonly Stack<int> _free = new();
    private readonly PendingCounts? _pending;
    private int[] _slots;
    private int _highWater;
    private int _count;
    private long _admitted;
    private long _evicted;
    private long _refusedFull;
    private long _nextExpiry = long.MinValue;

    public EmbeddingTable(EmbeddingTableOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException($"Invalid embedding table options: {string.Join(" ", problems)}", nameof(options));
        }

        _options = options;
        _width = options.Width;
        _stride = 2 * _width;
        _ttlMs = options.TtlMs;
        _maxSlots = (int)Math.Min(1L << 30, RoundUpPow2(2L * options.MaxRows));
        var pages = (options.MaxRows + PageRows - 1) / PageRows;
        _slabs = new float[pages][];
        _ids = new long[pages][];
        _lastSeen = new long[pages][];
        _slots = NewSlots(Math.Min(InitialSlots, _maxSlots));
        _pending = options.AdmitAfter > 1 ? new PendingCounts(options.MaxPending) : null;
        if (_ttlMs == long.MaxValue)
        {
            _nextExpiry = long.MaxValue;
        }
    }

    public EmbeddingTableOptions Options => _options;

    /// <summary>Embedding length (without the bias).</summary>
    public int Dimension => _options.Dimension;

    /// <summary>Rows in use.</summary>
    public int Count => Volatile.Read(ref _count);

    public EmbeddingTableStats Stats => new(Count, _admitted, _evicted, _refusedFull, _pending?.Dropped ?? 0, SlabBytes());

    /// <summary>Finds the id's row; lock-free and allocation-free, safe while the writer works.</summary>
    public bool TryGetRow(long id, out int row)
    {
        var slots = Volatile.Read(ref _slots);
        var mask = slots.Length - 1;
        var i = (int)(IdHash.Mix(id) & (uint)mask);
        for (var probes = 0; probes <= mask; probes++)
        {
            var r = Volatile.Read(ref slots[i]);
            if (r < 0)
            {
                break;
            }

            var ids = _ids[r >> PageShift];
            if (ids is not null && ids[r & (PageRows - 1)] == id)
            {
                row = r;
                return true;
            }

            i = (i + 1) & mask;
        }

        row = -1;
        return false;
    }

    /// <summary>The row's weights: the embedding, then the bias when the table has one.</summary>
    public ReadOnlySpan<float> Weights(int row) => MutableWeights(row);

    /// <summary>The row's bias (0 when the table has none).</summary>
    public float Bias(int row) => _options.WithBias ? MutableWeights(row)[_options.Dimension] : 0f;

    /// <summary>Event time (Unix ms) the row was last touched.</summary>
    public long LastSeen(int row) => _lastSeen[row >> PageShift]![row & (PageRows - 1)];

    internal Span<float> MutableWeights(int row) =>
        _slabs[row >> PageShift].AsSpan((row & (PageRows - 1)) * _stride, _width);

    internal Span<float> Accumulators(int row) =>
        _slabs[row >> PageShift].AsSpan(((row & (PageRows - 1)) * _stride) + _width, _width);

    /// <summary>
    /// Records a sighting of <paramref name="id"/> at event time <paramref name="nowMs"/> and returns its row when it
    /// has (or now gets) one. Writer thread only.
    /// </summary>
    public AdmissionStatus Touch(long id, long nowMs, out int row)
    {
        if (TryGetRow(id, out row))
        {
            _lastSeen[row >> PageShift]![row & (PageRows - 1)] = nowMs;
            return AdmissionStatus.Present;
        }

        if (_pending is not null && _pending.Increment(id, nowMs) < _options.AdmitAfter)
        {
            return AdmissionStatus.Pending;
        }

        if (_count >= _options.MaxRows)
        {
            // Sweep only when enough rows can have expired (see Sweep): nothing qualifies before _nextExpiry.
            if (nowMs > _nextExpiry)
            {
                Sweep(nowMs, full: true);
            }

            if (_count >= _options.MaxRows)
            {
                _refusedFull++;
                return AdmissionStatus.RefusedFull;
            }
        }

        row = Insert(id, nowMs);
        InitialiseRow(id, row);
        _pending?.Remove(id);
        _admitted++;
        return AdmissionStatus.Admitted;
    }

    private int Insert(long id, long lastSeenMs)
    {
        if ((_count + 1) * 2L > _slots.Length && _slots.Length < _maxSlots)
        {
            Rebuild(_slots.Length * 2);
        }

        var row = AllocateRow();
        var page = row >> PageShift;
        _ids[page]![row & (PageRows - 1)] = id;
        _lastSeen[page]![row & (PageRows - 1)] = lastSeenMs;
        PublishSlot(_slots, id, row);
        Volatile.Write(ref _count, _count + 1);
        return row;
    }

    private int AllocateRow()
    {
        if (_free.TryPop(out var row))
        {
            return row;
        }

        row = _highWater++;
        var page = row >> PageShift;
        if (_slabs[page] is null)
        {
            _ids[page] = new long[PageRows];
            var lastSeen = new long[PageRows];
            Array.Fill(lastSeen, FreeRow);
            _lastSeen[page] = lastSeen;
            _slabs[page] = new float[PageRows * _stride];
        }

        return row;
    }

    private void InitialiseRow(long id, int row)
    {
        var weights = MutableWeights(row);
        var state = IdHash.Mix(id ^ (long)IdHash.Mix(_options.Seed));
        var scale = _options.InitScale;
        for (var i = 0; i < _options.Dimension; i++)
        {
            weights[i] = IdHash.NextSigned(ref state) * scale;
        }

        if (_options.WithBias)
        {
            weights[_options.Dimension] = 0f;
        }

        Accumulators(row).Fill(_options.InitialAccumulator);
    }

    private static void PublishSlot(int[] slots, long id, int row)
    {
        var mask = slots.Length - 1;
        var i = (int)(IdHash.Mix(id) & (uint)mask);
        while (slots[i] >= 0)
        {
            i = (i + 1) & mask;
        }

        // Row data is written before the slot: a reader that finds the slot finds the row complete.
        Volatile.Write(ref slots[i], row);
    }

    /// <summary>Builds a fresh slot index over the live rows and swaps it in whole (readers keep using the old one until then).</summary>
    private void Rebuild(int slotCount)
    {
        var slots = NewSlots(slotCount);
        for (var row = 0; row < _highWater; row++)
        {
            var page = row >> PageShift;
            var offset = row & (PageRows - 1);
            if (_lastSeen[page]![offset] != FreeRow)
            {
                PublishSlot(slots, _ids[page]![offset], row);
            }
        }

        Volatile.Write(ref _slots, slots);
    }

    /// <summary>The ids that have a row, ascending. Writer thread only (or with the writer paused).</summary>
    internal long[] RowIds() => LiveRowsById().Ids;

    /// <summary>The ids with a pending count, in slot order (none when the table admits at once). Writer thread only.</summary>
    internal IEnumerable<long> PendingIds() => _pending?.Ids() ?? [];

    /// <summary>Every live row and its id, in ascending id order (the snapshot order).</summary>
    private (long[] Ids, int[] Rows) LiveRowsById()
    {
        var ids = new long[_count];
        var rows = new int[_count];
        var n = 0;
        for (var row = 0; row < _highWater; row++)
        {
            if (_lastSeen[row >> PageShift]![row & (PageRows - 1)] != FreeRow)
            {
                ids[n] = _ids[row >> PageShift]![row & (PageRows - 1)];
                rows[n++] = row;
            }
        }

        Array.Sort(ids, rows);
        return (ids, rows);
    }

    private long SlabBytes()
    {
        long bytes = (long)_slots.Length * sizeof(int);
        foreach (var slab in _slabs)
        {
            if (slab is not null)
            {
                bytes += ((long)slab.Length * sizeof(float)) + (2L * PageRows * sizeof(long));
            }
        }

        return bytes + (_pending?.Bytes ?? 0);
    }

    private static int[] NewSlots(int count)
    {
        var slots = new int[count];
        Array.Fill(slots, -1);
        return slots;
    }

    private static long RoundUpPow2(long n)
    {
        long p = 1;
        while (p < n)
        {
            p <<= 1;
        }

        return p;
    }
}
