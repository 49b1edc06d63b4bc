namespace Whisper.FeatureStore.Definitions;

/// <summary>Wire names of the definition enums, as written in config files and contracts ("user", "int64", "count", …).</summary>
public static class FeatureNames
{
    public static string Entity(FeatureEntity entity) => entity switch
    {
        FeatureEntity.User => "user",
        FeatureEntity.Video => "video",
        FeatureEntity.Creator => "creator",
        FeatureEntity.Session => "session",
        _ => throw new ArgumentOutOfRangeException(nameof(entity), entity, "Unknown entity."),
    };

    public static bool TryParseEntity(string? text, out FeatureEntity entity) => TryParse(text, out entity, Entity);

    public static string Type(FeatureValueType type) => type switch
    {
        FeatureValueType.Whole => "int64",
        FeatureValueType.Real => "float64",
        FeatureValueType.Flag => "bool",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown value type."),
    };

    public static bool TryParseType(string? text, out FeatureValueType type) => TryParse(text, out type, Type);

    public static string SourceKind(FeatureSourceKind kind) => kind switch
    {
        FeatureSourceKind.EventAggregation => "events",
        FeatureSourceKind.Table => "table",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown source kind."),
    };

    public static bool TryParseSourceKind(string? text, out FeatureSourceKind kind) => TryParse(text, out kind, SourceKind);

    public static string Aggregation(FeatureAggregation aggregation) => aggregation switch
    {
        FeatureAggregation.Count => "count",
        FeatureAggregation.Sum => "sum",
        FeatureAggregation.Last => "last",
        _ => throw new ArgumentOutOfRangeException(nameof(aggregation), aggregation, "Unknown aggregation."),
    };

    public static bool TryParseAggregation(string? text, out FeatureAggregation aggregation) => TryParse(text, out aggregation, Aggregation);

    public static string Field(FeatureField field) => field switch
    {
        FeatureField.None => "none",
        FeatureField.WatchTimeMs => "watch_time_ms",
        FeatureField.VideoId => "video_id",
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Unknown field."),
    };

    public static bool TryParseField(string? text, out FeatureField field) => TryParse(text, out field, Field);

    private static bool TryParse<T>(string? text, out T value, Func<T, string> name)
        where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (string.Equals(name(candidate), text, StringComparison.Ordinal))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>The wire names of <typeparamref name="T"/>, for "use one of …" messages.</summary>
    public static string OneOf<T>(Func<T, string> name)
        where T : struct, Enum => string.Join(", ", Enum.GetValues<T>().Select(name));
}
