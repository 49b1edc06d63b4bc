using System.Text.Json;

using Whisper.Security.Audit.Baseline;
using Whisper.Security.Audit.Rules;

namespace Whisper.Security.Audit.Reporting;

/// <summary>
/// Writes a report as SARIF 2.1.0 (OASIS), one run: the rules as reportingDescriptors, each finding as a result with
/// ruleId/ruleIndex, level, message, a physical location relative to <c>SRCROOT</c> (text region for source files,
/// binary region plus a logical location for assemblies), a partial fingerprint, and an external suppression when the
/// baseline lists it. Per-file problems are toolExecutionNotifications. Validated against the OASIS schema in the tests.
/// </summary>
public static class SarifReport
{
    public const string SchemaUri = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
    public const string ToolName = "whisper-audit";
    private const string RootId = "SRCROOT";

    public static void Write(AuditReport report, Stream output)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("$schema", SchemaUri);
        json.WriteString("version", "2.1.0");
        json.WriteStartArray("runs");
        json.WriteStartObject();
        WriteTool(json, report.Rules);
        WriteInvocation(json, report);
        json.WriteStartObject("originalUriBaseIds");
        json.WriteStartObject(RootId);
        json.WriteString("uri", RootUri(report.Root));
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteString("columnKind", "utf16CodeUnits");
        json.WriteStartArray("results");
        var ruleIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < report.Rules.Rules.Count; i++)
        {
            ruleIndex[report.Rules.Rules[i].Id] = i;
        }

        foreach (var finding in report.Findings)
        {
            WriteResult(json, finding, ruleIndex.GetValueOrDefault(finding.RuleId, -1));
        }

        json.WriteEndArray();
        json.WriteStartObject("properties");
        json.WriteString("region", report.Region);
        json.WriteString("rulesFile", report.Rules.Source);
        json.WriteNumber("filesScanned", report.Files);
        json.WriteNumber("bytesScanned", report.Bytes);
        json.WriteNumber("elapsedSeconds", Math.Round(report.Elapsed.TotalSeconds, 3));
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }

    public static string Level(AuditLevel level) => level switch
    {
        AuditLevel.Error => "error",
        AuditLevel.Warning => "warning",
        _ => "note",
    };

    private static void WriteTool(Utf8JsonWriter json, AuditRules rules)
    {
        json.WriteStartObject("tool");
        json.WriteStartObject("driver");
        json.WriteString("name", ToolName);
        json.WriteString("fullName", "Whisper audit scanner");
        json.WriteString("version", typeof(SarifReport).Assembly.GetName().Version?.ToString() ?? "1.0.0");
        json.WriteStartArray("rules");
        foreach (var rule in rules.Rules)
        {
            json.WriteStartObject();
            json.WriteString("id", rule.Id);
            json.WriteString("name", rule.Name);
            Text(json, "shortDescription", rule.ShortDescription);
            Text(json, "fullDescription", rule.FullDescription);
            Text(json, "help", rule.Help);
            json.WriteStartObject("defaultConfiguration");
            json.WriteString("level", Level(rule.Level));
            json.WriteEndObject();
            json.WriteStartObject("properties");
            json.WriteString("kind", AuditRules.KindName(rule.Kind));
            json.WriteStartArray("tags");
            foreach (var tag in rule.Tags)
            {
                json.WriteStringValue(tag);
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteInvocation(Utf8JsonWriter json, AuditReport report)
    {
        json.WriteStartArray("invocations");
        json.WriteStartObject();
        json.WriteBoolean("executionSuccessful", true);
        if (report.Notifications.Count > 0)
        {
            json.WriteStartArray("toolExecutionNotifications");
            foreach (var notification in report.Notifications)
            {
                json.WriteStartObject();
                json.WriteString("level", Level(notification.Level));
                Text(json, "message", notification.Message);
                json.WriteStartArray("locations");
                json.WriteStartObject();
                json.WriteStartObject("physicalLocation");
                Artifact(json, notification.Path);
                json.WriteEndObject();
                json.WriteEndObject();
                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
        json.WriteEndArray();
    }

    private static void WriteResult(Utf8JsonWriter json, AuditFinding finding, int ruleIndex)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", finding.RuleId);
        if (ruleIndex >= 0)
        {
            json.WriteNumber("ruleIndex", ruleIndex);
        }

        json.WriteString("level", Level(finding.Level));
        Text(json, "message", finding.Message);
        json.WriteStartArray("locations");
        json.WriteStartObject();
        json.WriteStartObject("physicalLocation");
        Artifact(json, finding.Path);
        json.WriteStartObject("region");
        if (finding.IsBinary)
        {
            if (finding.ByteOffset >= 0)
            {
                json.WriteNumber("byteOffset", finding.ByteOffset);
                json.WriteNumber("byteLength", finding.ByteLength);
            }
            else
            {
                json.WriteNumber("byteOffset", 0);
            }
        }
        else
        {
            json.WriteNumber("startLine", finding.Line);
            json.WriteNumber("startColumn", finding.Column);
            json.WriteNumber("endLine", finding.EndLine);
            json.WriteNumber("endColumn", finding.EndColumn);
        }

        json.WriteEndObject();
        json.WriteEndObject();
        if (finding.LogicalLocation is { } logical)
        {
            json.WriteStartArray("logicalLocations");
            json.WriteStartObject();
            json.WriteString("fullyQualifiedName", logical);
            json.WriteString("kind", "function");
            json.WriteEndObject();
            json.WriteEndArray();
        }

        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteStartObject("partialFingerprints");
        json.WriteString(AuditFingerprint.SarifKey, finding.Fingerprint);
        json.WriteEndObject();
        if (finding.Suppressed)
        {
            json.WriteStartArray("suppressions");
            json.WriteStartObject();
            json.WriteString("kind", "external");
            json.WriteString("justification", "listed in the audit baseline");
            json.WriteEndObject();
            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    private static void Artifact(Utf8JsonWriter json, string path)
    {
        json.WriteStartObject("artifactLocation");
        json.WriteString("uri", RelativeUri(path));
        json.WriteString("uriBaseId", RootId);
        json.WriteEndObject();
    }

    private static void Text(Utf8JsonWriter json, string property, string text)
    {
        json.WriteStartObject(property);
        json.WriteString("text", text);
        json.WriteEndObject();
    }

    /// <summary>Each path segment percent-encoded, so names with spaces or '#' stay valid URI references.</summary>
    public static string RelativeUri(string path) => string.Join('/', path.Split('/').Select(Uri.EscapeDataString));

    private static string RootUri(string root)
    {
        var full = Path.GetFullPath(root);
        if (File.Exists(full))
        {
            full = Path.GetDirectoryName(full) ?? full;
        }

        var uri = new Uri(Path.EndsInDirectorySeparator(full) ? full : full + Path.DirectorySeparatorChar).AbsoluteUri;
        return uri.EndsWith('/') ? uri : uri + "/";
    }
}
