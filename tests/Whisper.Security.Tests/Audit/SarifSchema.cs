using System.Text.Json;
using System.Text.Json.Nodes;

using Json.Schema;

namespace Whisper.Security.Tests.Audit;

/// <summary>
/// The OASIS SARIF 2.1.0 schema (draft-07; <c>Audit/Schemas/sarif-schema-2.1.0.json</c>, embedded in this assembly)
/// and validation against it with JsonSchema.Net, formats included.
/// </summary>
internal static class SarifSchema
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
    {
        using var stream = typeof(SarifSchema).Assembly.GetManifestResourceStream("sarif-schema-2.1.0.json")!;
        using var reader = new StreamReader(stream);
        return JsonSchema.FromText(reader.ReadToEnd());
    });

    public static JsonNode SchemaJson
    {
        get
        {
            using var stream = typeof(SarifSchema).Assembly.GetManifestResourceStream("sarif-schema-2.1.0.json")!;
            return JsonNode.Parse(stream)!;
        }
    }

    /// <summary>Null when <paramref name="json"/> is valid; otherwise the errors, one per line.</summary>
    public static string? Problems(string json)
    {
        using var document = JsonDocument.Parse(json);
        var result = Schema.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        if (result.IsValid)
        {
            return null;
        }

        return string.Join(
            Environment.NewLine,
            (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}")));
    }
}
