using System.Globalization;
using System.Text.Json;

namespace Whisper.Security.Audit;

/// <summary>
/// Field-by-field reading of the small JSON input files (rules, allowlist, baseline) that collects every problem instead
/// of stopping at the first. Messages start with the source name and say what was found and what to write instead.
/// </summary>
internal sealed class JsonInput(string source)
{
    public string Source { get; } = source;

    public List<string> Problems { get; } = [];

    /// <summary>Reads <paramref name="path"/> and parses it (comments and trailing commas allowed).</summary>
    /// <exception cref="AuditInputException">The file cannot be read or is not JSON.</exception>
    public static JsonDocument Load(string path, string what)
    {
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new AuditInputException($"{path}: the {what} cannot be read ({e.Message.TrimEnd('.')}); check the path and its permissions.", e);
        }

        return Parse(json, path);
    }

    /// <exception cref="AuditInputException">Not JSON.</exception>
    public static JsonDocument Parse(string json, string source)
    {
        try
        {
            return JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new AuditInputException(
                $"{source}: not valid JSON at line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1}; fix the JSON syntax there.", e);
        }
    }

    public void Problem(string text) => Problems.Add($"{Source}: {text}");

    /// <summary>The fields of <paramref name="element"/>; unknown or repeated names are problems.</summary>
    public Dictionary<string, JsonElement> Fields(JsonElement element, string where, IReadOnlyCollection<string> known)
    {
        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (element.ValueKind != JsonValueKind.Object)
        {
            Problem($"{Label(where)} is {Describe(element)}; it must be a JSON object");
            return fields;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (!known.Contains(property.Name))
            {
                Problem($"unknown field \"{Path(where, property.Name)}\"; the fields here are {string.Join(", ", known.Select(k => $"\"{k}\""))}");
            }
            else if (!fields.TryAdd(property.Name, property.Value))
            {
                Problem($"\"{Path(where, property.Name)}\" is given twice; keep one");
            }
        }

        return fields;
    }

    public string? String(Dictionary<string, JsonElement> fields, string where, string name, bool required, string example)
    {
        if (!fields.TryGetValue(name, out var value))
        {
            if (required)
            {
                Problem($"\"{Path(where, name)}\" is missing; add it, e.g. \"{name}\": {example}");
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.String || value.GetString()!.Length == 0)
        {
            Problem($"\"{Path(where, name)}\" is {Describe(value)}; use a non-empty string, e.g. {example}");
            return null;
        }

        return value.GetString();
    }

    public string[] Strings(Dictionary<string, JsonElement> fields, string where, string name, string example)
    {
        if (!fields.TryGetValue(name, out var value))
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            Problem($"\"{Path(where, name)}\" is {Describe(value)}; use an array of strings, e.g. {example}");
            return [];
        }

        var items = new List<string>(value.GetArrayLength());
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || item.GetString()!.Length == 0)
            {
                Problem($"\"{Path(where, name)}[{index}]\" is {Describe(item)}; use a non-empty string, e.g. {example}");
            }
            else
            {
                items.Add(item.GetString()!);
            }

            index++;
        }

        return [.. items];
    }

    public double Number(Dictionary<string, JsonElement> fields, string where, string name, double fallback, double min, double max)
    {
        if (!fields.TryGetValue(name, out var value))
        {
            return fallback;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || number < min || number > max)
        {
            Problem($"\"{Path(where, name)}\" is {Describe(value)}; use a number in [{min.ToString(CultureInfo.InvariantCulture)}, {max.ToString(CultureInfo.InvariantCulture)}] (default {fallback.ToString(CultureInfo.InvariantCulture)})");
            return fallback;
        }

        return number;
    }

    public bool Boolean(Dictionary<string, JsonElement> fields, string where, string name, bool fallback)
    {
        if (!fields.TryGetValue(name, out var value))
        {
            return fallback;
        }

        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            Problem($"\"{Path(where, name)}\" is {Describe(value)}; use true or false (default {(fallback ? "true" : "false")})");
            return fallback;
        }

        return value.GetBoolean();
    }

    public static string Path(string where, string name) => where.Length == 0 ? name : $"{where}.{name}";

    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Undefined => "missing",
        JsonValueKind.String => $"\"{Shorten(value.GetString()!)}\"",
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        _ => "an object",
    };

    private static string Label(string where) => where.Length == 0 ? "the top level" : $"\"{where}\"";

    private static string Shorten(string text) => text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 57), "...");
}
