namespace Whisper.FeatureStore.Online;

/// <summary>
/// The one TTL rule, shared by online stores and the offline point-in-time join so the two cannot drift:
/// a value observed at event time e is fresh at time t when t − e ≤ TTL (age == TTL is fresh; TTL + 1 ms is expired).
/// A value from the future (e &gt; t, clock skew between writers) is fresh online; offline joins never see one.
/// </summary>
public static class FeatureFreshness
{
    public static bool IsFresh(long eventTimeMs, long nowMs, long ttlMs) => nowMs - eventTimeMs <= ttlMs;
}
