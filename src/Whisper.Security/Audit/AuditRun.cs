using System.Text;

using Whisper.Security.Audit.Allowlist;
using Whisper.Security.Audit.Baseline;
using Whisper.Security.Audit.Reporting;
using Whisper.Security.Audit.Rules;

namespace Whisper.Security.Audit;

/// <summary>
/// <c>whisper audit</c>'s service: reads the rules, allowlist and baseline (reporting the problems of all three at once),
/// scans, marks baselined findings, writes the report (SARIF or text, to a file or the given writer) and the new
/// baseline, and decides whether the run fails: a finding not in the baseline at or above <see cref="AuditOptions.FailOn"/>,
/// unless a baseline is being written.
/// </summary>
public static class AuditRun
{
    /// <exception cref="AuditInputException">A path or input file is unusable (all problems listed).</exception>
    public static AuditOutcome Execute(AuditOptions options, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        var problems = new List<string>();
        var rules = Read(problems, () => options.RulesPath is null ? AuditRules.Default : AuditRules.Load(options.RulesPath));
        var allowlist = Read(problems, () => RegionAllowlist.Load(options.AllowlistPath));
        var baseline = options.BaselinePath is null ? null : Read(problems, () => AuditBaseline.Load(options.BaselinePath));
        if (!File.Exists(options.Path) && !Directory.Exists(options.Path))
        {
            problems.Add($"{options.Path}: no such file or folder; give the source tree (or one file) to scan");
        }

        foreach (var target in new[] { options.OutPath, options.WriteBaselinePath })
        {
            if (target is not null && Directory.Exists(target))
            {
                problems.Add($"{target}: is a folder; give a file name to write");
            }
        }

        if (problems.Count > 0 || rules is null || allowlist is null)
        {
            throw new AuditInputException(problems);
        }

        var report = new AuditScanner(rules, allowlist) { Parallelism = options.Parallelism }.Scan(options.Path, cancellationToken);
        if (baseline is not null)
        {
            report = baseline.Apply(report);
        }

        if (options.OutPath is null)
        {
            WriteReport(report, options.Format, output);
        }
        else
        {
            WriteFile(options.OutPath, stream =>
            {
                using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true);
                WriteReport(report, options.Format, writer);
            });
        }

        if (options.WriteBaselinePath is not null)
        {
            WriteFile(options.WriteBaselinePath, stream => AuditBaseline.Write(report, stream));
        }

        var failed = options.WriteBaselinePath is null && report.Unsuppressed(options.FailOn) > 0;
        return new AuditOutcome(report, failed);
    }

    private static T? Read<T>(List<string> problems, Func<T> read)
        where T : class
    {
        try
        {
            return read();
        }
        catch (AuditInputException e)
        {
            problems.AddRange(e.Problems);
            return null;
        }
    }

    private static void WriteReport(AuditReport report, AuditFormat format, TextWriter writer)
    {
        if (format == AuditFormat.Text)
        {
            TextReport.Write(report, writer);
            return;
        }

        using var buffer = new MemoryStream();
        SarifReport.Write(report, buffer);
        writer.WriteLine(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        writer.Flush();
    }

    /// <summary>Writes to a temporary file beside <paramref name="path"/>, then renames it: a reader never sees half a report.</summary>
    private static void WriteFile(string path, Action<Stream> write)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = full + ".tmp";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                write(stream);
            }

            File.Move(temporary, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AuditInputException($"{path}: cannot be written ({e.Message.TrimEnd('.')}); check the folder and its permissions.", e);
        }
    }
}
