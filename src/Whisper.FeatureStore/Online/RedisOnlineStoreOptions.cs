namespace Whisper.FeatureStore.Online;

/// <summary>Where a region's features live in Redis/Garnet. Two regions (or two tests) sharing a server use different prefixes.</summary>
public sealed record RedisOnlineStoreOptions
{
    /// <summary>Prepended to every key, e.g. <c>whisper:us:f:</c>.</summary>
    public string KeyPrefix { get; init; } = "whisper:f:";

    /// <summary>Added to an entity's longest TTL for the key's PEXPIRE: reclaims memory after values can no longer be served.</summary>
    public TimeSpan ExpirySlack { get; init; } = TimeSpan.FromMinutes(1);
}
