using System.Text.Json;

namespace Whisper.Security.Evidence;

/// <summary>
/// The checks for report kinds whose trust comes from the bundle's signature alone: that the bytes parse as the
/// format they claim, at a version this build reads. A report of the wrong kind is a swapped file, so it fails.
/// </summary>
public sealed class JsonEvidenceCheck : IEvidenceKindCheck
{
    private readonly Func<JsonElement, string?> _problem;

    /// <param name="kind">The kind checked.</param>
    /// <param name="problem">Given the root object: null when it is acceptable, else what it is not ("is not …").</param>
    public JsonEvidenceCheck(string kind, Func<JsonElement, string?> problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        Kind = kind;
        _problem = problem;
    }

    public string Kind { get; }

    /// <summary>SARIF 2.1.0 as <c>whisper audit</c> writes it: <c>version</c> "2.1.0" and a <c>runs</c> array.</summary>
    public static JsonEvidenceCheck Sarif { get; } = new(EvidenceKinds.Sarif, root =>
        root.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.String && v.GetString() == "2.1.0"
        && root.TryGetProperty("runs", out var runs) && runs.ValueKind == JsonValueKind.Array
            ? null
            : "is not a SARIF 2.1.0 log (no version \"2.1.0\" with a runs array)");

    /// <summary><c>whisper compliance --json</c>: format <c>whisper-compliance-report</c> at a version this build reads.</summary>
    public static JsonEvidenceCheck ComplianceReport { get; } = new(EvidenceKinds.ComplianceReport, root =>
        Text(root, "format") == Compliance.Reporting.ComplianceJsonReport.Format
        && root.TryGetProperty("formatVersion", out var v) && v.ValueKind == JsonValueKind.Number
        && v.TryGetInt32(out var version) && version == Compliance.Reporting.ComplianceJsonReport.FormatVersion
            ? null
            : $"is not a {Compliance.Reporting.ComplianceJsonReport.Format} version {Compliance.Reporting.ComplianceJsonReport.FormatVersion} report");

    /// <summary>The checks this project can run on its own.</summary>
    public static IReadOnlyList<IEvidenceKindCheck> BuiltIn { get; } = [Sarif, ComplianceReport];

    public IReadOnlyList<string> Check(EvidenceFile file, EvidenceContents bundle)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(bundle);
        try
        {
            using var document = JsonDocument.Parse(bundle.Read(file.Path) ?? []);
            var problem = document.RootElement.ValueKind == JsonValueKind.Object ? _problem(document.RootElement) : "is not a JSON object";
            return problem is null ? [] : [$"{file.Path} {problem}."];
        }
        catch (JsonException e)
        {
            return [$"{file.Path} is not JSON ({e.Message.TrimEnd('.')})."];
        }
    }

    /// <summary>A string property, or null when absent or not a string.</summary>
    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
