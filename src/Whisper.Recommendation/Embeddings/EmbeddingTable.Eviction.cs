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
                page[row & (PageRows - 1)] = FreeRow;
                _free.Push(row);
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
            Volatile.Write(ref _count, _count - evicted);
            _evicted += evicted;
            Rebuild(_slots.Length);
        }

        return evicted;
    }

    private static long SaturatingAdd(long a, long b) => b > 0 && a > long.MaxValue - b ? long.MaxValue : a + b;
}
