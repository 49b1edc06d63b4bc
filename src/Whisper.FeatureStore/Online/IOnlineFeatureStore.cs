using Whisper.FeatureStore.Definitions;

namespace Whisper.FeatureStore.Online;

/// <summary>
/// Serving-time feature values, keyed by (entity, id, feature). TTL is enforced on every read against the store's
/// <see cref="TimeProvider"/>: a value whose age (now − event time) exceeds the feature's TTL is never returned; the
/// feature's default is, and the read is counted as expired. Age == TTL is still fresh. A backend's own expiry (Redis
/// PEXPIRE) only reclaims memory; it is never what makes a read correct.
/// </summary>
public interface IOnlineFeatureStore
{
    FeatureRegistry Registry { get; }

    /// <summary>Reads served so far, by outcome.</summary>
    FeatureReadCounts Counts { get; }

    /// <summary>Stores <paramref name="value"/> for one feature of one entity, observed at <paramref name="eventTimeMs"/> (Unix ms); replaces what was there.</summary>
    /// <exception cref="ArgumentException">The feature does not describe <paramref name="entity"/>.</exception>
    void Write(FeatureEntity entity, long entityId, int featureId, double value, long eventTimeMs);

    /// <summary>True and the value when a fresh value is stored; otherwise false and the feature's default (missing or expired, counted).</summary>
    /// <exception cref="ArgumentException">The feature does not describe <paramref name="entity"/>.</exception>
    bool TryRead(FeatureEntity entity, long entityId, int featureId, out double value);

    /// <summary>
    /// Reads several features of one entity into <paramref name="values"/> (defaults where missing or expired) in one
    /// round trip; <paramref name="statuses"/>, when not empty, gets each outcome. Returns how many were fresh.
    /// </summary>
    int ReadMany(FeatureEntity entity, long entityId, ReadOnlySpan<int> featureIds, Span<double> values, Span<FeatureReadStatus> statuses = default);
}
