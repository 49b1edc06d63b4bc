using Whisper.Core.Domain;
using Whisper.FeatureStore.Aggregation;
using Whisper.FeatureStore.Definitions;

namespace Whisper.FeatureStore.Online;

/// <summary>
/// Keeps an online store current from the event log: feed it every logged event once, in log order; each feature value
/// an event changes is written with that event's time, so TTL counts from the newest event behind the value.
/// Uses the same <see cref="EventAggregator"/> as the offline join. Not thread-safe (one log reader).
/// </summary>
public sealed class OnlineFeatureMaterializer
{
    private readonly IOnlineFeatureStore _store;
    private readonly EventAggregator _aggregator;
    private readonly List<FeatureUpdate> _updates = [];

    public OnlineFeatureMaterializer(IOnlineFeatureStore store, Func<long, long>? creatorOfVideo = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _aggregator = new EventAggregator(store.Registry, creatorOfVideo);
    }

    public void Observe(in EngagementEvent e)
    {
        _updates.Clear();
        _aggregator.Apply(e, _updates);
        foreach (var u in _updates)
        {
            _store.Write(u.Entity, u.EntityId, u.FeatureId, u.Value, u.EventTimeMs);
        }
    }

    /// <summary>Writes a table feature's value, e.g. a creator's follower count from the catalog.</summary>
    public void ObserveTable(int featureId, long entityId, double value, long eventTimeMs)
    {
        _aggregator.ApplyTable(featureId, entityId, value, eventTimeMs);
        _store.Write(_store.Registry[featureId].Entity, entityId, featureId, value, eventTimeMs);
    }
}
