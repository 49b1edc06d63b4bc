using System.Globalization;

namespace Whisper.Security.Audit.Reporting;

/// <summary>
/// The human format: one line per finding not in the baseline, <c>path:line:column: level RULE message</c> (assemblies:
/// <c>path[0xOFFSET] (Method): ...</c>), compiler-style so editors and terminals link them; then <see cref="Summary"/>.
/// </summary>
public static class TextReport
{
    public static void Write(AuditReport report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        foreach (var finding in report.Findings)
        {
            if (finding.Suppressed)
            {
                continue;
            }

            var where = finding.IsBinary
                ? $"{finding.Path}[0x{finding.ByteOffset.ToString("x", CultureInfo.InvariantCulture)}]{(finding.LogicalLocation is null ? "" : $" ({finding.LogicalLocation})")}"
                : $"{finding.Path}:{finding.Line}:{finding.Column}";
            output.WriteLine($"{where}: {SarifReport.Level(finding.Level)} {finding.RuleId}: {finding.Message}");
        }

        foreach (var notification in report.Notifications)
        {
            output.WriteLine($"{notification.Path}: {SarifReport.Level(notification.Level)}: {notification.Message}");
        }

        output.WriteLine(Summary(report));
    }

    /// <summary>One line: counts by level (not baselined), baselined count, files, size, time and throughput, region.</summary>
    public static string Summary(AuditReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        int errors = 0, warnings = 0, notes = 0;
        foreach (var finding in report.Findings)
        {
            if (finding.Suppressed)
            {
                continue;
            }

            _ = finding.Level switch
            {
                AuditLevel.Error => errors++,
                AuditLevel.Warning => warnings++,
                _ => notes++,
            };
        }

        var total = errors + warnings + notes;
        var seconds = Math.Max(report.Elapsed.TotalSeconds, 1e-6);
        var mb = report.Bytes / 1e6;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"audit: {total} finding{(total == 1 ? "" : "s")} ({errors} error, {warnings} warning, {notes} note), {report.SuppressedCount} in the baseline; {report.Files} files, {mb:0.0} MB in {seconds:0.00} s ({mb / seconds:0.0} MB/s); region {report.Region}");
    }
}
