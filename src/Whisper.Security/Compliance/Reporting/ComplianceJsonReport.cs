using System.Text.Json;

using Whisper.Security.Compliance.Evidence;

namespace Whisper.Security.Compliance.Reporting;

/// <summary>
/// The JSON report (<c>--json</c>), format <c>whisper-compliance-report</c> version <see cref="FormatVersion"/>,
/// documented field by field in docs/security/compliance.md ("JSON report").
/// </summary>
public static class ComplianceJsonReport
{
    public const string Format = "whisper-compliance-report";

    public const int FormatVersion = 1;

    public static void Write(ComplianceReport report, Stream destination)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(destination);
        using var json = new Utf8JsonWriter(destination, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("format", Format);
        json.WriteNumber("formatVersion", FormatVersion);
        json.WriteString("generatedAt", report.GeneratedAt.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        json.WriteString("root", report.Root);
        json.WriteStartObject("catalog");
        json.WriteString("name", report.Catalog.Name);
        json.WriteString("source", report.Catalog.Source);
        json.WriteString("sha256", report.Catalog.Sha256);
        json.WriteEndObject();
        WriteSummary(json, report);
        json.WriteStartArray("controls");
        foreach (var control in report.Controls)
        {
            WriteControl(json, control);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteSummary(Utf8JsonWriter json, ComplianceReport report)
    {
        json.WriteStartObject("summary");
        json.WriteNumber("controls", report.Controls.Count);
        foreach (var status in Enum.GetValues<ControlStatus>())
        {
            json.WriteNumber(StatusNames.Of(status), report.Count(status));
        }

        json.WriteStartObject("evidence");
        foreach (var status in Enum.GetValues<EvidenceStatus>())
        {
            json.WriteNumber(StatusNames.Of(status), report.Count(status));
        }

        json.WriteEndObject();
        json.WriteBoolean("drift", report.HasDrift);
        json.WriteEndObject();
    }

    private static void WriteControl(Utf8JsonWriter json, ControlResult result)
    {
        json.WriteStartObject();
        json.WriteString("id", result.Control.Id);
        json.WriteString("title", result.Control.Title);
        json.WriteString("status", StatusNames.Of(result.Status));
        json.WriteString("implementation", result.Control.Implementation);
        json.WriteStartArray("evidence");
        foreach (var check in result.Evidence)
        {
            json.WriteStartObject();
            json.WriteString("kind", check.Item.Kind);
            json.WriteString("target", check.Item.Target);
            if (check.Item.Description is { } description)
            {
                json.WriteString("description", description);
            }

            json.WriteString("status", StatusNames.Of(check.Result.Status));
            json.WriteString("detail", check.Result.Detail);
            if (check.Result.Sha256 is { } sha256)
            {
                json.WriteString("sha256", sha256);
            }

            json.WriteNumber("catalogLine", check.Item.Line);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("gaps");
        foreach (var gap in result.Control.Gaps)
        {
            json.WriteStartObject();
            json.WriteString("text", gap.Text);
            json.WriteBoolean("blocking", gap.Blocking);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
