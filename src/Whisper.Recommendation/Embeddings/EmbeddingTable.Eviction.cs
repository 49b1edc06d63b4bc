namespace Whisper.Recommendation.Embeddings;

public sealed partial class EmbeddingTable
{
    /// <summary>A full table sweeps again only once this share of its rows (at least one) can have expired: amortised O(64) per admission.</summary>
    private const int FullSweepFraction = 64;

    /// <summary>
    /// Evicts every row (and pending count) whose age at <paramref name="nowMs"/> is greater than the TTL:
    /// age = now − last seen; age == TTL is kept, age == TTL + 1 ms is evicted. Time is event time, so a replay of
    /// the same log evicts the same rows. O(rows); writer thread only. Returns the number of rows evicted.
    /// </summary>
    public int Sweep(long nowMs) => Sweep(nowMs, full: false);

    private int Sweep(long nowMs, bool full)
    {
        if (_ttlMs == long.MaxValue)
        {
            return 0;
        }

        var oldestKept = nowMs - _ttlMs; // rows with lastSeen < oldestKept have age > TTL
        var evicted = 0;
        var minLastSeen = long.MaxValue;
        var kept = full ? new long[_count] : null;
        var keptCount = 0;
        for (var row = _highWater - 1; row >= 0; row--)
        {
            var page = _lastSeen[row >> PageShift]!;
            var lastSeen = page[row & (PageRows - 1)];
            if (lastSeen == FreeRow)
            {
                continue;
            }

            if (lastSeen < oldestKept)
            {
                Release(row);
                evicted++;
                continue;
            }

            minLastSeen = Math.Min(minLastSeen, lastSeen);
            if (kept is not null)
            {
                kept[keptCount++] = lastSeen;
            }
        }

        _pending?.Expire(oldestKept);
        if (keptCount > 0)
        {
            // Full table: wait until the k-th oldest row has expired (k = rows/64, at least 1), so each O(rows) sweep
            // frees at least k rows. Until then admissions are refused even if a few rows expired meanwhile.
            var k = Math.Max(1, keptCount / FullSweepFraction);
            var lastSeens = kept.AsSpan(0, keptCount);
            lastSeens.Sort();
            _nextExpiry = SaturatingAdd(lastSeens[k - 1], _ttlMs);
        }
        else
        {
            _nextExpiry = minLastSeen == long.MaxValue ? long.MinValue : SaturatingAdd(minLastSeen, _ttlMs);
        }

        if (evicted > 0)
        {
            _evicted += evicted;
            Republish(evicted);
        }

        return evicted;
    }

    /// <summary>
    /// Removes every row and every pending count whose id <paramref name="remove"/> selects — an erasure, not an
    /// expiry: the removed rows' weights and accumulators are zeroed, and no counter changes (<c>evicted</c> counts
    /// TTL sweeps only). When rows go, the full-table sweep hint resets so that the next admission into a full table
    /// sweeps at once. Calls <paramref name="remove"/> once per row and pending entry, in no promised order. O(rows +
    /// pending capacity); writer thread only (or with the writer paused).
    /// </summary>
    internal RemovedEntries RemoveWhere(Func<long, bool> remove)
    {
        ArgumentNullException.ThrowIfNull(remove);
        var removed = new List<int>();
        for (var row = _highWater - 1; row >= 0; row--)
        {
            var offset = row & (PageRows - 1);
            if (_lastSeen[row >> PageShift]![offset] != FreeRow && remove(_ids[row >> PageShift]![offset]))
            {
                removed.Add(row);
            }
        }

        foreach (var row in removed)
        {
            Release(row); // high to low, as a sweep frees them: the lowest row is reused first
        }

        var pending = _pending?.RemoveWhere(remove) ?? 0;
        if (removed.Count > 0)
        {
            if (_ttlMs != long.MaxValue)
            {
                _nextExpiry = long.MinValue;
            }

            Republish(removed.Count);
            foreach (var row in removed)
            {
                // After the new slot index is out: zero what the removed ids had learned.
                MutableWeights(row).Clear();
                Accumulators(row).Clear();
            }
        }

        return new RemovedEntries(removed.Count, pending);
    }

    /// <summary>Marks a live row free for reuse; <see cref="Republish"/> then drops it from the slot index.</summary>
    private void Release(int row)
    {
        _lastSeen[row >> PageShift]![row & (PageRows - 1)] = FreeRow;
        _free.Push(row);
    }

    /// <summary>After <paramref name="released"/> rows were released: lowers the count and swaps in a slot index without them.</summary>
    private void Republish(int released)
    {
        Volatile.Write(ref _count, _count - released);
        Rebuild(_slots.Length);
    }

    private static long SaturatingAdd(long a, long b) => b > 0 && a > long.MaxValue - b ? long.MaxValue : a + b;
}
