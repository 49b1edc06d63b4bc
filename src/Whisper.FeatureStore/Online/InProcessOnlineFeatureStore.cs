using System.Collections.Concurrent;

using Whisper.FeatureStore.Definitions;

namespace Whisper.FeatureStore.Online;

/// <summary>
/// The embedded online store: one row per (entity, id) holding every feature of that entity (value + event time, 16
/// bytes a feature). Reads allocate nothing: one dictionary lookup, then an uncontended lock (~20 ns) so a value is
/// never read half-written. Memory: ~64 bytes per row plus 16 per feature slot; 1M users × 5 features ≈ 150 MB.
/// </summary>
public sealed class InProcessOnlineFeatureStore : IOnlineFeatureStore, IOnlineFeatureEraser
{
    private const long Empty = long.MinValue;

    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<long, Row>[] _rows;
    private readonly FeatureReadCounters _counters = new();

    public InProcessOnlineFeatureStore(FeatureRegistry registry, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        Registry = registry;
        _time = time ?? TimeProvider.System;
        _rows = new ConcurrentDictionary<long, Row>[5];
        for (var e = 0; e < _rows.Length; e++)
        {
            _rows[e] = new ConcurrentDictionary<long, Row>();
        }
    }

    public FeatureRegistry Registry { get; }

    public FeatureReadCounts Counts => _counters.Snapshot;

    /// <summary>Rows held for <paramref name="entity"/>.</summary>
    public int RowCount(FeatureEntity entity) => _rows[(int)entity].Count;

    public bool Contains(FeatureEntity entity, long entityId) => _rows[(int)entity].ContainsKey(entityId);

    public bool Remove(FeatureEntity entity, long entityId) => _rows[(int)entity].TryRemove(entityId, out _);

    public void Write(FeatureEntity entity, long entityId, int featureId, double value, long eventTimeMs)
    {
        var slot = SlotOf(entity, featureId);
        var rows = _rows[(int)entity];
        if (!rows.TryGetValue(entityId, out var row))
        {
            row = rows.GetOrAdd(entityId, static (_, n) => new Row(n), Registry.SlotCount(entity));
        }

        lock (row.Gate)
        {
            row.Cells[slot] = new Cell(value, eventTimeMs);
        }
    }

    public bool TryRead(FeatureEntity entity, long entityId, int featureId, out double value)
    {
        var slot = SlotOf(entity, featureId);
        var definition = Registry[featureId];
        var status = FeatureReadStatus.Missing;
        value = definition.Default;
        if (_rows[(int)entity].TryGetValue(entityId, out var row))
        {
            Cell cell;
            lock (row.Gate)
            {
                cell = row.Cells[slot];
            }

            if (cell.EventTimeMs != Empty)
            {
                status = FeatureFreshness.IsFresh(cell.EventTimeMs, _time.GetUtcNow().ToUnixTimeMilliseconds(), definition.TtlMs) ? FeatureReadStatus.Fresh : FeatureReadStatus.Expired;
                if (status == FeatureReadStatus.Fresh)
                {
                    value = cell.Value;
                }
            }
        }

        _counters.Add(status);
        return status == FeatureReadStatus.Fresh;
    }

    public int ReadMany(FeatureEntity entity, long entityId, ReadOnlySpan<int> featureIds, Span<double> values, Span<FeatureReadStatus> statuses = default)
    {
        if (values.Length < featureIds.Length || (!statuses.IsEmpty && statuses.Length < featureIds.Length))
        {
            throw new ArgumentException("values (and statuses, when given) must hold one entry per feature id.", nameof(values));
        }

        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        int fresh = 0, missing = 0, expired = 0;
        _rows[(int)entity].TryGetValue(entityId, out var row);
        if (row is not null)
        {
            Monitor.Enter(row.Gate);
        }

        try
        {
            for (var i = 0; i < featureIds.Length; i++)
            {
                var id = featureIds[i];
                var slot = SlotOf(entity, id);
                var definition = Registry[id];
                var cell = row is null ? new Cell(0, Empty) : row.Cells[slot];
                FeatureReadStatus status;
                if (cell.EventTimeMs == Empty)
                {
                    status = FeatureReadStatus.Missing;
                    missing++;
                    values[i] = definition.Default;
                }
                else if (FeatureFreshness.IsFresh(cell.EventTimeMs, now, definition.TtlMs))
                {
                    status = FeatureReadStatus.Fresh;
                    fresh++;
                    values[i] = cell.Value;
                }
                else
                {
                    status = FeatureReadStatus.Expired;
                    expired++;
                    values[i] = definition.Default;
                }

                if (!statuses.IsEmpty)
                {
                    statuses[i] = status;
                }
            }
        }
        finally
        {
            if (row is not null)
            {
                Monitor.Exit(row.Gate);
            }
        }

        _counters.Add(fresh, missing, expired);
        return fresh;
    }

    private int SlotOf(FeatureEntity entity, int featureId)
    {
        if ((uint)featureId >= (uint)Registry.Count || Registry[featureId].Entity != entity)
        {
            throw new ArgumentException($"Feature id {featureId} does not describe a {entity}.", nameof(featureId));
        }

        return Registry.SlotOf(featureId);
    }

    private readonly record struct Cell(double Value, long EventTimeMs);

    private sealed class Row
    {
        public Row(int slots)
        {
            Cells = new Cell[slots];
            Cells.AsSpan().Fill(new Cell(0, Empty));
        }

        public object Gate => Cells;

        public Cell[] Cells { get; }
    }
}
