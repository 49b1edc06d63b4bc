namespace Whisper.FeatureStore.Definitions;

/// <summary>
/// One feature: what it describes, its type, where its values come from, how long a value may be served, and what is
/// served instead. Immutable; checked by <see cref="FeatureDefinitionRules"/> when a <see cref="FeatureRegistry"/> is built.
/// </summary>
/// <param name="Name">Stable snake_case name (the key in stores, contracts and model inputs), e.g. <c>user_watch_time_1h</c>.</param>
/// <param name="Entity">What the feature describes.</param>
/// <param name="Type">The type a model sees.</param>
/// <param name="Source">Event-log aggregation or table.</param>
/// <param name="Window">Aggregation window for count and sum (values are folded over (t − window, t]); null for last and tables.</param>
/// <param name="Ttl">How long after its event time a value may be served (online and offline). Age ≤ TTL is fresh; age &gt; TTL is expired.</param>
/// <param name="Default">Served when the value is missing or expired.</param>
/// <param name="Owner">Team or service answerable for the feature, e.g. <c>ranking</c>.</param>
public sealed record FeatureDefinition(
    string Name,
    FeatureEntity Entity,
    FeatureValueType Type,
    FeatureSource Source,
    TimeSpan? Window,
    TimeSpan Ttl,
    double Default,
    string Owner)
{
    /// <summary>Optional one-line meaning for people reading a contract.</summary>
    public string? Description { get; init; }

    public long TtlMs => (long)Ttl.TotalMilliseconds;

    public long WindowMs => Window is { } w ? (long)w.TotalMilliseconds : 0;
}
