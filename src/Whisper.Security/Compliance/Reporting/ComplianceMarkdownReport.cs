using System.Globalization;

namespace Whisper.Security.Compliance.Reporting;

/// <summary>
/// The Markdown report (<c>--markdown</c>) for people: a summary table of every control, then one section per control
/// with how it is implemented, each evidence item's result and the stated gaps.
/// </summary>
public static class ComplianceMarkdownReport
{
    public static void Write(ComplianceReport report, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(writer);
        var w = new Lines(writer);
        w.Line($"# Control evidence: {report.Catalog.Name}");
        w.Line();
        var generated = report.GeneratedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        w.Line($"Generated {generated} UTC by `whisper compliance` against `{report.Root}` with catalog `{report.Catalog.Source}` (SHA-256 `{report.Catalog.Sha256}`).");
        w.Line();
        w.Line($"**{report.Controls.Count} controls**: {report.Count(ControlStatus.Implemented)} implemented, {report.Count(ControlStatus.Partial)} partial, {report.Count(ControlStatus.Gap)} gap. "
            + $"**Evidence**: {ComplianceSummary.EvidenceCounts(report)}. "
            + (report.HasDrift ? "**Drift: claimed evidence is missing or failed** (marked below)." : "No drift: every claimed item that was checked holds."));
        w.Line();
        w.Line("| Control | Title | Status | Evidence passed | Gaps (blocking) |");
        w.Line("| --- | --- | --- | --- | --- |");
        foreach (var control in report.Controls)
        {
            var blocking = control.Control.Gaps.Count(g => g.Blocking);
            w.Line($"| {control.Control.Id} | {Cell(control.Control.Title)} | {StatusNames.Of(control.Status)} | {control.Count(Evidence.EvidenceStatus.Pass)}/{control.Evidence.Count} | {control.Control.Gaps.Count} ({blocking}) |");
        }

        foreach (var control in report.Controls)
        {
            w.Line();
            w.Line($"## {control.Control.Id} {control.Control.Title}");
            w.Line();
            w.Line($"**Status: {StatusNames.Of(control.Status)}.** {control.Control.Implementation}");
            w.Line();
            if (control.Evidence.Count == 0)
            {
                w.Line("No evidence: nothing is in place yet.");
            }
            else
            {
                w.Line("| Kind | Evidence | Result | Detail |");
                w.Line("| --- | --- | --- | --- |");
                foreach (var check in control.Evidence)
                {
                    var target = check.Item.Description is { } d ? $"`{Cell(check.Item.Target)}` — {Cell(d)}" : $"`{Cell(check.Item.Target)}`";
                    var detail = check.Result.Sha256 is { } sha ? $"{check.Result.Detail}, SHA-256 `{sha}`" : check.Result.Detail;
                    var result = check.Result.IsDrift ? $"**{StatusNames.Of(check.Result.Status)}**" : StatusNames.Of(check.Result.Status);
                    w.Line($"| {check.Item.Kind} | {target} | {result} | {Cell(detail)} |");
                }
            }

            if (control.Control.Gaps.Count > 0)
            {
                w.Line();
                w.Line("Known gaps:");
                w.Line();
                foreach (var gap in control.Control.Gaps)
                {
                    w.Line($"- {(gap.Blocking ? "**Blocking.** " : "")}{gap.Text}");
                }
            }
        }

        writer.Flush();
    }

    /// <summary>Text safe inside a table cell: no line breaks, pipes escaped.</summary>
    private static string Cell(string text) => text.ReplaceLineEndings(" ").Replace("|", "\\|", StringComparison.Ordinal);

    /// <summary>Writes '\n'-terminated lines whatever the platform, so the report is byte-identical everywhere.</summary>
    private readonly struct Lines(TextWriter writer)
    {
        public void Line(string text = "") => writer.Write(text + "\n");
    }
}
