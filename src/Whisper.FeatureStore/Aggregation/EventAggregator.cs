using Whisper.Core.Domain;
using Whisper.FeatureStore.Definitions;

namespace Whisper.FeatureStore.Aggregation;

/// <summary>
/// Folds events into the event-log features of a registry, one event at a time, exactly; shared by the online
/// materializer and the offline point-in-time join so serving and training compute the same numbers.
/// Sliding windows (user, video, creator): count and sum cover (e − window, e] where e is the newest event time the
/// (feature, entity) has seen; a queue of in-window events per (feature, entity) makes eviction exact (16 bytes per
/// event in window: 1M in-window events ≈ 16 MB). Session entity: the window is the idle gap — a gap longer than it starts
/// a new session and resets the aggregate (a session window). Last keeps the newest event's field.
/// Not thread-safe: one writer, in log order.
/// </summary>
public sealed class EventAggregator
{
    private readonly FeatureRegistry _registry;
    private readonly Func<long, long>? _creatorOfVideo;
    private readonly int[][] _byKind;
    private readonly Dictionary<(int Feature, long Entity), State> _states = [];

    /// <param name="creatorOfVideo">Maps a video id to its creator id (0 unknown); required when the registry has creator event features.</param>
    public EventAggregator(FeatureRegistry registry, Func<long, long>? creatorOfVideo = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _registry = registry;
        _creatorOfVideo = creatorOfVideo;
        var byKind = new List<int>[9];
        for (var k = 0; k < byKind.Length; k++)
        {
            byKind[k] = [];
        }

        for (var id = 0; id < registry.Count; id++)
        {
            var f = registry[id];
            if (f.Source.Kind != FeatureSourceKind.EventAggregation)
            {
                continue;
            }

            if (f.Entity == FeatureEntity.Creator && creatorOfVideo is null)
            {
                throw new ArgumentException($"Feature '{f.Name}' aggregates events per creator; pass creatorOfVideo so events reach their video's creator.", nameof(creatorOfVideo));
            }

            foreach (var kind in f.Source.EventKinds)
            {
                byKind[(int)kind].Add(id);
            }
        }

        _byKind = [.. byKind.Select(l => l.ToArray())];
    }

    /// <summary>(feature, entity) pairs with state.</summary>
    public int StateCount => _states.Count;

    /// <summary>Applies one event; each feature value it changes is added to <paramref name="updates"/> when given.</summary>
    public void Apply(in EngagementEvent e, List<FeatureUpdate>? updates = null)
    {
        var kind = (int)e.Kind;
        if ((uint)kind >= (uint)_byKind.Length)
        {
            return;
        }

        var time = e.OccurredAt.ToUnixTimeMilliseconds();
        foreach (var id in _byKind[kind])
        {
            var f = _registry[id];
            var entityId = f.Entity switch
            {
                FeatureEntity.User or FeatureEntity.Session => e.UserId,
                FeatureEntity.Video => e.VideoId,
                FeatureEntity.Creator => e.VideoId > 0 ? _creatorOfVideo!(e.VideoId) : 0,
                _ => 0,
            };
            if (entityId <= 0)
            {
                continue;
            }

            var field = f.Source.Field switch
            {
                FeatureField.WatchTimeMs => e.WatchTimeMs,
                FeatureField.VideoId => (double)e.VideoId,
                _ => 1,
            };
            if (!_states.TryGetValue((id, entityId), out var state))
            {
                state = new State();
                _states[(id, entityId)] = state;
            }

            if (Fold(f, state, time, field) && updates is not null)
            {
                updates.Add(new FeatureUpdate(id, f.Entity, entityId, state.Value(f.Source.Aggregation), state.LastTimeMs));
            }
        }
    }

    /// <summary>Records a table feature's value (its owner wrote it at <paramref name="eventTimeMs"/>).</summary>
    public void ApplyTable(int featureId, long entityId, double value, long eventTimeMs)
    {
        if (_registry[featureId].Source.Kind != FeatureSourceKind.Table)
        {
            throw new ArgumentException($"Feature '{_registry[featureId].Name}' is not a table feature.", nameof(featureId));
        }

        if (!_states.TryGetValue((featureId, entityId), out var state))
        {
            state = new State();
            _states[(featureId, entityId)] = state;
        }

        state.Last = value;
        state.LastTimeMs = Math.Max(state.LastTimeMs, eventTimeMs);
        state.HasValue = true;
    }

    /// <summary>The value as last materialized and its event time; false when the pair never had an event.</summary>
    public bool TryGet(int featureId, long entityId, out double value, out long eventTimeMs)
    {
        if (_states.TryGetValue((featureId, entityId), out var state) && state.HasValue)
        {
            var aggregation = _registry[featureId].Source.Kind == FeatureSourceKind.Table ? FeatureAggregation.Last : _registry[featureId].Source.Aggregation;
            value = state.Value(aggregation);
            eventTimeMs = state.LastTimeMs;
            return true;
        }

        value = 0;
        eventTimeMs = 0;
        return false;
    }

    /// <summary>Returns true when the value changed.</summary>
    private static bool Fold(FeatureDefinition f, State s, long time, double field)
    {
        var aggregation = f.Source.Aggregation;
        if (aggregation == FeatureAggregation.Last)
        {
            if (s.HasValue && time < s.LastTimeMs)
            {
                return false; // a late event is not the latest one
            }

            s.Last = field;
            s.LastTimeMs = time;
            s.HasValue = true;
            return true;
        }

        var window = f.WindowMs;
        if (f.Entity == FeatureEntity.Session)
        {
            if (s.HasValue && time - s.LastTimeMs > window)
            {
                s.Count = 0;
                s.Sum = 0;
            }

            s.Count++;
            s.Sum += field;
            s.LastTimeMs = Math.Max(s.HasValue ? s.LastTimeMs : time, time);
            s.HasValue = true;
            return true;
        }

        var newest = s.HasValue ? Math.Max(s.LastTimeMs, time) : time;
        if (time <= newest - window)
        {
            return false; // late, and already outside the window
        }

        s.Window ??= new Queue<(long, double)>();
        s.Window.Enqueue((time, field));
        s.Count++;
        s.Sum += field;
        while (s.Window.TryPeek(out var head) && head.Time <= newest - window)
        {
            s.Window.Dequeue();
            s.Count--;
            s.Sum -= head.Value;
        }

        s.LastTimeMs = newest;
        s.HasValue = true;
        return true;
    }

    private sealed class State
    {
        public Queue<(long Time, double Value)>? Window;
        public long Count;
        public double Sum;
        public double Last;
        public long LastTimeMs;
        public bool HasValue;

        public double Value(FeatureAggregation aggregation) => aggregation switch
        {
            FeatureAggregation.Count => Count,
            FeatureAggregation.Sum => Sum,
            _ => Last,
        };
    }
}
