using System.Globalization;

using Whisper.Security.Compliance.Evidence;

namespace Whisper.Security.Compliance.Reporting;

/// <summary>
/// The console summary of <c>whisper compliance</c>: one aligned row per control (id, status, evidence passed, gaps,
/// title), a totals line, then one line per drifted item so the fix is in front of whoever ran it.
/// </summary>
public static class ComplianceSummary
{
    public static void Write(ComplianceReport report, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(writer);
        var idWidth = Math.Max("control".Length, report.Controls.Select(c => c.Control.Id.Length).DefaultIfEmpty(0).Max());
        writer.WriteLine($"{"control".PadRight(idWidth)}  {"status",-11}  {"evidence",-8}  {"gaps",-4}  title");
        foreach (var control in report.Controls)
        {
            var evidence = string.Create(CultureInfo.InvariantCulture, $"{control.Count(EvidenceStatus.Pass)}/{control.Evidence.Count}");
            var gaps = control.Control.Gaps.Count.ToString(CultureInfo.InvariantCulture);
            writer.WriteLine($"{control.Control.Id.PadRight(idWidth)}  {StatusNames.Of(control.Status),-11}  {evidence,-8}  {gaps,-4}  {control.Control.Title}");
        }

        writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{report.Controls.Count} controls: {report.Count(ControlStatus.Implemented)} implemented, {report.Count(ControlStatus.Partial)} partial, {report.Count(ControlStatus.Gap)} gap; evidence: {EvidenceCounts(report)}."));
        foreach (var control in report.Controls)
        {
            foreach (var check in control.Evidence.Where(e => e.Result.IsDrift))
            {
                writer.WriteLine($"drift: {control.Control.Id} {check.Item.Kind} {check.Item.Target}: {StatusNames.Of(check.Result.Status)}: {check.Result.Detail}");
            }
        }
    }

    /// <summary>"40 pass, 0 fail, 0 missing, 3 not-run".</summary>
    public static string EvidenceCounts(ComplianceReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return string.Join(", ", Enum.GetValues<EvidenceStatus>().Select(s => string.Create(CultureInfo.InvariantCulture, $"{report.Count(s)} {StatusNames.Of(s)}")));
    }
}
