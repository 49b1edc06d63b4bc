using System.Text.Json;

using Whisper.FeatureStore.Definitions;

namespace Whisper.FeatureStore.Contract;

/// <summary>
/// Loads feature definitions from a JSON file: a feature config (<c>"format": "whisper-feature-config"</c>) or a
/// contract another region exported (same feature objects; docs/feature-contract.md). Every problem is reported at once.
/// </summary>
public static class FeatureConfigFile
{
    public const string Format = "whisper-feature-config";
    public const int CurrentVersion = 1;

    /// <summary>Parses and validates; the region is null when the file names none.</summary>
    /// <exception cref="FeatureContractFormatException">Bad JSON, an unknown format or version.</exception>
    /// <exception cref="FeatureConfigurationException">Malformed or invalid definitions (all listed).</exception>
    public static (string? Region, FeatureRegistry Registry) Parse(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = ParseDocument(json, source);
        var root = document.RootElement;
        var format = root.TryGetProperty("format", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
        if (format is not (Format or FeatureContract.Format))
        {
            throw new FeatureContractFormatException($"{source}: \"format\" is '{format}'; a feature file says \"format\": \"{Format}\" (or is a '{FeatureContract.Format}').");
        }

        RequireVersion(root, source, format == Format ? CurrentVersion : FeatureContract.CurrentVersion);
        var problems = new List<string>();
        var features = FeatureJson.ReadFeatures(root, problems);
        var inputs = FeatureJson.ReadModelInputs(root, problems);
        if (problems.Count > 0)
        {
            throw new FeatureConfigurationException([.. problems.Select(p => $"{source}: {p}")]);
        }

        var region = root.TryGetProperty("region", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
        return (region, FeatureRegistry.Create(features, inputs));
    }

    public static async Task<(string? Region, FeatureRegistry Registry)> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        var json = await ReadTextAsync(path, cancellationToken).ConfigureAwait(false);
        return Parse(json, path);
    }

    /// <summary>A JSON file template for <paramref name="registry"/> (the format <see cref="Parse"/> reads).</summary>
    public static string ToJson(FeatureRegistry registry, string? region = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("format", Format);
            w.WriteNumber("version", CurrentVersion);
            if (region is not null)
            {
                w.WriteString("region", region);
            }

            w.WriteStartArray("features");
            foreach (var feature in registry.Features)
            {
                FeatureJson.WriteFeature(w, feature);
            }

            w.WriteEndArray();
            FeatureJson.WriteModelInputs(w, registry.ModelInputs);
            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    internal static async Task<string> ReadTextAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new FeatureContractFormatException($"{path}: cannot be read ({e.Message.TrimEnd('.')}); check the path and its permissions.", e);
        }
    }

    internal static JsonDocument ParseDocument(string json, string source)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new FeatureContractFormatException($"{source}: not valid JSON at line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1}; fix the JSON syntax there.", e);
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw new FeatureContractFormatException($"{source}: the top level must be a JSON object with \"format\", \"version\" and \"features\".");
        }

        return document;
    }

    internal static void RequireVersion(JsonElement root, string source, int supported)
    {
        if (!root.TryGetProperty("version", out var v) || !v.TryGetInt32(out var version))
        {
            throw new FeatureContractFormatException($"{source}: \"version\" is missing; this build reads version {supported}.");
        }

        if (version != supported)
        {
            throw new FeatureContractFormatException($"{source}: version {version} is not supported (this build reads version {supported}); export it again with this build or upgrade whisper.");
        }
    }
}
