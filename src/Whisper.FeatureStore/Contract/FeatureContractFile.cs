using System.Text;
using System.Text.Json;

using Whisper.FeatureStore.Definitions;

namespace Whisper.FeatureStore.Contract;

/// <summary>Writes and reads feature contracts (docs/feature-contract.md). The reader refuses formats and versions it does not know.</summary>
public static class FeatureContractFile
{
    public static string ToJson(FeatureContract contract)
    {
        ArgumentNullException.ThrowIfNull(contract);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("format", FeatureContract.Format);
            w.WriteNumber("version", FeatureContract.CurrentVersion);
            w.WriteString("region", contract.Region);
            w.WriteString("generated_at", contract.GeneratedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture));
            w.WriteStartArray("features");
            foreach (var feature in contract.Features)
            {
                FeatureJson.WriteFeature(w, feature);
            }

            w.WriteEndArray();
            FeatureJson.WriteModelInputs(w, contract.ModelInputs);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>Parses a contract; <paramref name="source"/> names it in messages (a file path).</summary>
    /// <exception cref="FeatureContractFormatException">Bad JSON, another format, an unknown version, or malformed features.</exception>
    public static FeatureContract Parse(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = FeatureConfigFile.ParseDocument(json, source);
        var root = document.RootElement;
        var format = root.TryGetProperty("format", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
        if (format != FeatureContract.Format)
        {
            throw new FeatureContractFormatException($"{source}: \"format\" is '{format}', not '{FeatureContract.Format}'; pass a file written by 'whisper features export'.");
        }

        FeatureConfigFile.RequireVersion(root, source, FeatureContract.CurrentVersion);
        var problems = new List<string>();
        var region = root.TryGetProperty("region", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString()! : string.Empty;
        var generated = root.TryGetProperty("generated_at", out var g) && g.ValueKind == JsonValueKind.String && DateTimeOffset.TryParse(g.GetString(), System.Globalization.CultureInfo.InvariantCulture, out var at)
            ? at
            : DateTimeOffset.MinValue;
        var features = FeatureJson.ReadFeatures(root, problems);
        var inputs = FeatureJson.ReadModelInputs(root, problems);
        foreach (var duplicate in features.GroupBy(x => x.Name, StringComparer.Ordinal).Where(x => x.Count() > 1))
        {
            problems.Add($"feature '{duplicate.Key}': defined {duplicate.Count()} times; a contract lists each feature once.");
        }

        if (problems.Count > 0)
        {
            throw new FeatureContractFormatException($"{source}: {string.Join(" ", problems)}");
        }

        return new FeatureContract(region, generated, features, inputs);
    }

    public static async Task<FeatureContract> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        var json = await FeatureConfigFile.ReadTextAsync(path, cancellationToken).ConfigureAwait(false);
        return Parse(json, path);
    }
}
