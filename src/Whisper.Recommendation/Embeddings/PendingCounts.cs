namespace Whisper.Recommendation.Embeddings;

/// <summary>
/// The frequency filter's memory: sightings of ids that do not have a row yet. Bounded by construction — a
/// set-associative array of <see cref="Ways"/>-entry buckets, fixed at creation, 20 bytes per entry (id, count,
/// last seen), e.g. 262,144 entries = 5 MiB. An id lives in the bucket its hash picks; when that bucket is full the
/// entry with the fewest sightings (then the oldest, then the lowest slot) is pushed out and its count forgotten, so a
/// flood of one-off ids can never grow memory and only delays admission of ids that are themselves rare. Every choice
/// depends on the sighting order alone, so replays are deterministic. One writer; no readers.
/// </summary>
internal sealed class PendingCounts
{
    public const int Ways = 8;

    private readonly long[] _ids;
    private readonly int[] _counts;
    private readonly long[] _lastSeen;
    private readonly int _bucketMask;

    public PendingCounts(int maxEntries)
    {
        var buckets = 1;
        while ((long)buckets * 2 * Ways <= maxEntries)
        {
            buckets *= 2;
        }

        _bucketMask = buckets - 1;
        _ids = new long[buckets * Ways];
        _counts = new int[buckets * Ways];
        _lastSeen = new long[buckets * Ways];
    }

    /// <summary>Entries this table can hold: the largest power of two times <see cref="Ways"/> not above the requested size.</summary>
    public int Capacity => _ids.Length;

    public long Dropped { get; set; }

    /// <summary>Bytes held (20 per entry).</summary>
    public long Bytes => (long)Capacity * 20;

    /// <summary>Counts one sighting of <paramref name="id"/> and returns its count so far (≥ 1).</summary>
    public int Increment(long id, long nowMs)
    {
        var start = Bucket(id);
        var victim = -1;
        for (var i = start; i < start + Ways; i++)
        {
            if (_counts[i] == 0)
            {
                victim = victim < 0 || _counts[victim] != 0 ? i : victim;
                continue;
            }

            if (_ids[i] == id)
            {
                _lastSeen[i] = nowMs;
                return ++_counts[i];
            }

            if (victim < 0 || (_counts[victim] != 0 && (_counts[i] < _counts[victim] || (_counts[i] == _counts[victim] && _lastSeen[i] < _lastSeen[victim]))))
            {
                victim = i;
            }
        }

        if (_counts[victim] != 0)
        {
            Dropped++;
        }

        _ids[victim] = id;
        _counts[victim] = 1;
        _lastSeen[victim] = nowMs;
        return 1;
    }

    public void Remove(long id)
    {
        var start = Bucket(id);
        for (var i = start; i < start + Ways; i++)
        {
            if (_counts[i] != 0 && _ids[i] == id)
            {
                _counts[i] = 0;
                _ids[i] = 0;
                _lastSeen[i] = 0;
                return;
            }
        }
    }

    /// <summary>Forgets counts last seen before <paramref name="oldestKeptMs"/>.</summary>
    public void Expire(long oldestKeptMs)
    {
        for (var i = 0; i < _counts.Length; i++)
        {
            if (_counts[i] != 0 && _lastSeen[i] < oldestKeptMs)
            {
                _counts[i] = 0;
                _ids[i] = 0;
                _lastSeen[i] = 0;
            }
        }
    }

    /// <summary>Forgets the counts of every id <paramref name="remove"/> selects; returns how many entries went.</summary>
    public int RemoveWhere(Func<long, bool> remove)
    {
        var removed = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            if (_counts[i] != 0 && remove(_ids[i]))
            {
                _counts[i] = 0;
                _ids[i] = 0;
                _lastSeen[i] = 0;
                removed++;
            }
        }

        return removed;
    }

    /// <summary>The ids with a count, in slot order.</summary>
    public IEnumerable<long> Ids()
    {
        for (var i = 0; i < _counts.Length; i++)
        {
            if (_counts[i] != 0)
            {
                yield return _ids[i];
            }
        }
    }

    internal void Write(SnapshotWriter writer)
    {
        for (var i = 0; i < _ids.Length; i++)
        {
            writer.WriteInt64(_ids[i]);
            writer.WriteInt32(_counts[i]);
            writer.WriteInt64(_lastSeen[i]);
        }
    }

    internal void Read(SnapshotReader reader)
    {
        for (var i = 0; i < _ids.Length; i++)
        {
            _ids[i] = reader.ReadInt64();
            var count = reader.ReadInt32();
            if (count < 0)
            {
                throw reader.Error($"pending entry {i} has a negative count");
            }

            _counts[i] = count;
            _lastSeen[i] = reader.ReadInt64();
        }
    }

    private int Bucket(long id) => (int)(IdHash.Mix(id ^ 0x5bd1e995) & (uint)_bucketMask) * Ways;
}
