using Whisper.Core.Domain;

namespace Whisper.FeatureStore.Definitions;

/// <summary>
/// Where a feature comes from: an aggregation of <see cref="EventKinds"/> events over <see cref="FeatureDefinition.Window"/>,
/// or a named table whose owner writes the values. Build with <see cref="Aggregate"/> or <see cref="FromTable"/>.
/// </summary>
public sealed record FeatureSource
{
    public FeatureSourceKind Kind { get; init; }

    public FeatureAggregation Aggregation { get; init; }

    public FeatureField Field { get; init; }

    /// <summary>Event kinds that count; empty for tables.</summary>
    public IReadOnlyList<EventKind> EventKinds { get; init; } = [];

    /// <summary>Table name for <see cref="FeatureSourceKind.Table"/>; null otherwise.</summary>
    public string? Table { get; init; }

    public static FeatureSource Aggregate(FeatureAggregation aggregation, FeatureField field, params EventKind[] kinds) =>
        new() { Kind = FeatureSourceKind.EventAggregation, Aggregation = aggregation, Field = field, EventKinds = kinds };

    public static FeatureSource Count(params EventKind[] kinds) => Aggregate(FeatureAggregation.Count, FeatureField.None, kinds);

    public static FeatureSource FromTable(string table) => new() { Kind = FeatureSourceKind.Table, Table = table };

    /// <summary>True when <paramref name="kind"/> is one of <see cref="EventKinds"/>.</summary>
    public bool Matches(EventKind kind)
    {
        for (var i = 0; i < EventKinds.Count; i++)
        {
            if (EventKinds[i] == kind)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Equality by content (records compare lists by reference).</summary>
    public bool SameAs(FeatureSource other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Kind == other.Kind && Aggregation == other.Aggregation && Field == other.Field
            && string.Equals(Table, other.Table, StringComparison.Ordinal)
            && EventKinds.Order().SequenceEqual(other.EventKinds.Order());
    }

    /// <summary>Short text for messages and diffs: "count(view,like)", "sum(watch_time_ms: view)", "table(follows)".</summary>
    public string Describe() => Kind == FeatureSourceKind.Table
        ? $"table({Table})"
        : Aggregation switch
        {
            FeatureAggregation.Count => $"count({string.Join(',', EventKinds.Select(k => k.ToWireName()))})",
            _ => $"{Aggregation.ToString().ToLowerInvariant()}({FeatureNames.Field(Field)}: {string.Join(',', EventKinds.Select(k => k.ToWireName()))})",
        };
}
