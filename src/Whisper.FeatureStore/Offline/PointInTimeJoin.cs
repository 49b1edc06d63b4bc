using Whisper.Core.Domain;
using Whisper.FeatureStore.Aggregation;
using Whisper.FeatureStore.Definitions;
using Whisper.FeatureStore.Online;
using Whisper.Storage;

namespace Whisper.FeatureStore.Offline;

/// <summary>
/// Builds training rows point-in-time correct in one pass over the event log, in log order (docs/feature-store.md,
/// "Point-in-time algorithm"). Keys are visited in time order; before an event (or table value) with time e is folded
/// in, every pending row with time &lt; e is filled from the aggregates as they stand. So a row at t sees exactly the
/// events with time ≤ t that the log held before the first event after t — never a later one — and each value is then
/// held to the feature's TTL measured from its event time, with the same rule online reads use (age ≤ TTL is fresh).
/// Cost: O(events × features per kind + rows × features); memory: the aggregates plus the result.
/// </summary>
public sealed class PointInTimeJoin
{
    public const int ReadPageSize = 10_000;

    private readonly FeatureRegistry _registry;
    private readonly int[] _featureIds;
    private readonly TrainingRowKey[] _keys;
    private readonly int[] _order;
    private readonly EventAggregator _aggregator;
    private readonly double[] _values;
    private readonly FeatureReadStatus[] _statuses;
    private int _next;
    private long _events;

    public PointInTimeJoin(FeatureRegistry registry, IReadOnlyList<int> featureIds, IReadOnlyList<TrainingRowKey> keys, Func<long, long>? creatorOfVideo = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(featureIds);
        ArgumentNullException.ThrowIfNull(keys);
        _registry = registry;
        _featureIds = [.. featureIds];
        foreach (var id in _featureIds)
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)id, (uint)registry.Count, nameof(featureIds));
        }

        _keys = [.. keys];
        _order = new int[_keys.Length];
        for (var i = 0; i < _order.Length; i++)
        {
            _order[i] = i;
        }

        // By time, then by given position, so equal times keep their given order.
        Array.Sort(_order, (a, b) => _keys[a].AtMs != _keys[b].AtMs ? _keys[a].AtMs.CompareTo(_keys[b].AtMs) : a.CompareTo(b));

        _aggregator = new EventAggregator(registry, creatorOfVideo);
        _values = new double[_keys.Length * _featureIds.Length];
        _statuses = new FeatureReadStatus[_values.Length];
    }

    /// <summary>Rows filled so far.</summary>
    public int RowsDone => _next;

    /// <summary>Builds every row from <paramref name="log"/>, reading it once from the start in pages.</summary>
    public static async Task<PointInTimeResult> BuildAsync(
        IEventLog log,
        FeatureRegistry registry,
        IReadOnlyList<int> featureIds,
        IReadOnlyList<TrainingRowKey> keys,
        Func<long, long>? creatorOfVideo = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(log);
        var join = new PointInTimeJoin(registry, featureIds, keys, creatorOfVideo);
        var page = new List<LoggedEvent>(ReadPageSize);
        for (long position = 0; ;)
        {
            page.Clear();
            var read = await log.ReadAsync(position, ReadPageSize, page, cancellationToken).ConfigureAwait(false);
            foreach (var logged in page)
            {
                join.Observe(logged.Event);
            }

            if (read < ReadPageSize)
            {
                break;
            }

            position = page[^1].Sequence;
        }

        return join.Complete();
    }

    /// <summary>Folds in the next event of the log (call in log order).</summary>
    public void Observe(in EngagementEvent e)
    {
        FillBefore(e.OccurredAt.ToUnixTimeMilliseconds());
        _aggregator.Apply(e);
        _events++;
    }

    /// <summary>Folds in a table feature's value written at <paramref name="eventTimeMs"/> (interleave with events in time order).</summary>
    public void ObserveTable(int featureId, long entityId, double value, long eventTimeMs)
    {
        FillBefore(eventTimeMs);
        _aggregator.ApplyTable(featureId, entityId, value, eventTimeMs);
    }

    /// <summary>Fills the rows still pending (the log is over) and returns all rows in key order.</summary>
    public PointInTimeResult Complete()
    {
        FillBefore(long.MaxValue);
        return new PointInTimeResult(_featureIds, _keys.Length, _values, _statuses, _events);
    }

    private void FillBefore(long timeMs)
    {
        while (_next < _order.Length && _keys[_order[_next]].AtMs < timeMs)
        {
            Fill(_order[_next]);
            _next++;
        }
    }

    private void Fill(int row)
    {
        var key = _keys[row];
        var offset = row * _featureIds.Length;
        for (var j = 0; j < _featureIds.Length; j++)
        {
            var id = _featureIds[j];
            var f = _registry[id];
            var entityId = f.Entity switch
            {
                FeatureEntity.User or FeatureEntity.Session => key.UserId,
                FeatureEntity.Video => key.VideoId,
                _ => key.CreatorId,
            };
            FeatureReadStatus status;
            var value = f.Default;
            if (entityId <= 0 || !_aggregator.TryGet(id, entityId, out var stored, out var eventTime))
            {
                status = FeatureReadStatus.Missing;
            }
            else if (FeatureFreshness.IsFresh(eventTime, key.AtMs, f.TtlMs))
            {
                status = FeatureReadStatus.Fresh;
                value = stored;
            }
            else
            {
                status = FeatureReadStatus.Expired;
            }

            _values[offset + j] = value;
            _statuses[offset + j] = status;
        }
    }
}
