using System.Text.Json;

using Whisper.Core.Domain;
using Whisper.FeatureStore.Definitions;

namespace Whisper.FeatureStore.Contract;

/// <summary>
/// The JSON shape of one feature and of model inputs, shared by feature config files and contracts
/// (docs/feature-contract.md). Reading collects every problem, each naming the feature and the fix, instead of stopping at the first.
/// </summary>
internal static class FeatureJson
{
    public static void WriteFeature(Utf8JsonWriter w, FeatureDefinition f)
    {
        w.WriteStartObject();
        w.WriteString("name", f.Name);
        w.WriteString("entity", FeatureNames.Entity(f.Entity));
        w.WriteString("type", FeatureNames.Type(f.Type));
        w.WriteStartObject("source");
        w.WriteString("kind", FeatureNames.SourceKind(f.Source.Kind));
        if (f.Source.Kind == FeatureSourceKind.Table)
        {
            w.WriteString("table", f.Source.Table);
        }
        else
        {
            w.WriteString("aggregation", FeatureNames.Aggregation(f.Source.Aggregation));
            if (f.Source.Field != FeatureField.None)
            {
                w.WriteString("field", FeatureNames.Field(f.Source.Field));
            }

            w.WriteStartArray("events");
            foreach (var kind in f.Source.EventKinds)
            {
                w.WriteStringValue(kind.ToWireName());
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
        if (f.Window is null)
        {
            w.WriteNull("window_ms");
        }
        else
        {
            w.WriteNumber("window_ms", f.WindowMs);
        }

        w.WriteNumber("ttl_ms", f.TtlMs);
        w.WriteNumber("default", f.Default);
        w.WriteString("owner", f.Owner);
        if (f.Description is not null)
        {
            w.WriteString("description", f.Description);
        }

        w.WriteEndObject();
    }

    public static void WriteModelInputs(Utf8JsonWriter w, IReadOnlyList<ModelInput> inputs)
    {
        w.WriteStartArray("model_inputs");
        foreach (var input in inputs)
        {
            w.WriteStartObject();
            w.WriteString("model", input.Model);
            w.WriteStartArray("features");
            foreach (var name in input.Features)
            {
                w.WriteStringValue(name);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    public static List<FeatureDefinition> ReadFeatures(JsonElement root, List<string> problems)
    {
        var features = new List<FeatureDefinition>();
        if (!root.TryGetProperty("features", out var array) || array.ValueKind != JsonValueKind.Array)
        {
            problems.Add("\"features\" is missing or not an array; add \"features\": [ {...}, ... ].");
            return features;
        }

        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            index++;
            if (ReadFeature(item, index, problems) is { } feature)
            {
                features.Add(feature);
            }
        }

        return features;
    }

    public static List<ModelInput> ReadModelInputs(JsonElement root, List<string> problems)
    {
        var inputs = new List<ModelInput>();
        if (!root.TryGetProperty("model_inputs", out var array) || array.ValueKind == JsonValueKind.Null)
        {
            return inputs;
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            problems.Add("\"model_inputs\" must be an array of { \"model\": ..., \"features\": [...] }.");
            return inputs;
        }

        foreach (var item in array.EnumerateArray())
        {
            var model = item.ValueKind == JsonValueKind.Object && item.TryGetProperty("model", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : null;
            if (model is null || !item.TryGetProperty("features", out var names) || names.ValueKind != JsonValueKind.Array || names.EnumerateArray().Any(n => n.ValueKind != JsonValueKind.String))
            {
                problems.Add($"model input '{model ?? "?"}': needs \"model\" (a string) and \"features\" (an array of feature names).");
                continue;
            }

            inputs.Add(new ModelInput(model, [.. names.EnumerateArray().Select(n => n.GetString()!)]));
        }

        return inputs;
    }

    private static FeatureDefinition? ReadFeature(JsonElement e, int index, List<string> problems)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"feature #{index}: must be a JSON object.");
            return null;
        }

        var name = String(e, "name");
        var who = name is null ? $"feature #{index}" : $"feature '{name}'";
        var before = problems.Count;
        if (name is null)
        {
            problems.Add($"{who}: \"name\" is missing; add a snake_case name.");
        }

        var entityText = String(e, "entity");
        if (!FeatureNames.TryParseEntity(entityText, out var entity))
        {
            problems.Add($"{who}: entity '{entityText}' is not known; use one of {FeatureNames.OneOf<FeatureEntity>(FeatureNames.Entity)}.");
        }

        var typeText = String(e, "type");
        if (!FeatureNames.TryParseType(typeText, out var type))
        {
            problems.Add($"{who}: type '{typeText}' is not known; use one of {FeatureNames.OneOf<FeatureValueType>(FeatureNames.Type)}.");
        }

        var source = ReadSource(e, who, problems);
        TimeSpan? window = null;
        if (e.TryGetProperty("window_ms", out var w) && w.ValueKind != JsonValueKind.Null)
        {
            if (w.TryGetInt64(out var ms))
            {
                window = TimeSpan.FromMilliseconds(ms);
            }
            else
            {
                problems.Add($"{who}: \"window_ms\" must be a whole number of milliseconds or null.");
            }
        }

        var ttl = TimeSpan.Zero;
        if (e.TryGetProperty("ttl_ms", out var t) && t.TryGetInt64(out var ttlMs))
        {
            ttl = TimeSpan.FromMilliseconds(ttlMs);
        }
        else
        {
            problems.Add($"{who}: \"ttl_ms\" is missing or not a whole number; give how long a value may be served, in milliseconds.");
        }

        var value = 0.0;
        if (e.TryGetProperty("default", out var d) && d.ValueKind == JsonValueKind.Number)
        {
            value = d.GetDouble();
        }
        else
        {
            problems.Add($"{who}: \"default\" is missing or not a number; give the value served when the feature is missing or expired.");
        }

        var owner = String(e, "owner");
        if (owner is null)
        {
            problems.Add($"{who}: \"owner\" is missing; name the team answerable for the feature.");
        }

        return problems.Count > before || source is null
            ? null
            : new FeatureDefinition(name!, entity, type, source, window, ttl, value, owner!) { Description = String(e, "description") };
    }

    private static FeatureSource? ReadSource(JsonElement e, string who, List<string> problems)
    {
        if (!e.TryGetProperty("source", out var s) || s.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"{who}: \"source\" is missing; add {{ \"kind\": \"events\", \"aggregation\": \"count\", \"events\": [\"view\"] }} or {{ \"kind\": \"table\", \"table\": \"follows\" }}.");
            return null;
        }

        var kindText = String(s, "kind");
        if (!FeatureNames.TryParseSourceKind(kindText, out var kind))
        {
            problems.Add($"{who}: source kind '{kindText}' is not known; use one of {FeatureNames.OneOf<FeatureSourceKind>(FeatureNames.SourceKind)}.");
            return null;
        }

        if (kind == FeatureSourceKind.Table)
        {
            return FeatureSource.FromTable(String(s, "table") ?? string.Empty);
        }

        var aggregationText = String(s, "aggregation");
        if (!FeatureNames.TryParseAggregation(aggregationText, out var aggregation))
        {
            problems.Add($"{who}: aggregation '{aggregationText}' is not known; use one of {FeatureNames.OneOf<FeatureAggregation>(FeatureNames.Aggregation)}.");
            return null;
        }

        var field = FeatureField.None;
        if (String(s, "field") is { } fieldText && !FeatureNames.TryParseField(fieldText, out field))
        {
            problems.Add($"{who}: field '{fieldText}' is not known; use one of {FeatureNames.OneOf<FeatureField>(FeatureNames.Field)}.");
            return null;
        }

        var kinds = new List<EventKind>();
        if (s.TryGetProperty("events", out var events) && events.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in events.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String && EventKinds.TryParse(item.GetString(), out var k))
                {
                    kinds.Add(k);
                }
                else
                {
                    problems.Add($"{who}: event kind {item} is not known; use any of {string.Join(", ", EventKinds.WireNames)}.");
                    return null;
                }
            }
        }

        return FeatureSource.Aggregate(aggregation, field, [.. kinds]);
    }

    private static string? String(JsonElement e, string property) =>
        e.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
