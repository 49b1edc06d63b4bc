using System.Text;

using Whisper.Security.Compliance.Catalog;
using Whisper.Security.Compliance.Evidence;
using Whisper.Security.Compliance.Probes;
using Whisper.Security.Compliance.Reporting;

namespace Whisper.Security.Compliance;

/// <summary>
/// <c>whisper compliance</c>'s service: checks the root, catalog, inputs and output paths (reporting every problem at
/// once), evaluates the catalog and writes the requested reports. Whether the run fails is
/// <see cref="ComplianceReport.HasDrift"/>.
/// </summary>
public static class ComplianceRun
{
    /// <exception cref="ComplianceInputException">A path, input or the catalog is unusable (every problem listed).</exception>
    public static async Task<ComplianceReport> ExecuteAsync(ComplianceOptions options, ProbeRegistry? probes = null, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        probes ??= ProbeRegistry.Default;
        var problems = new List<string>();
        if (!Directory.Exists(options.Root))
        {
            problems.Add($"--root {options.Root}: no such folder; give the checkout or deployment folder the catalog's paths start from");
        }

        ComplianceCatalog? catalog = null;
        try
        {
            catalog = options.CatalogPath is null ? ComplianceCatalog.Default : ComplianceCatalog.Load(options.CatalogPath, probes);
        }
        catch (ComplianceCatalogException e)
        {
            problems.AddRange(e.Problems);
        }

        var inputs = options.Inputs;
        if (inputs.TlogDirectory is { } tlog && !Directory.Exists(tlog))
        {
            problems.Add($"--tlog {tlog}: no such folder; give the transparency log directory (as for 'whisper tlog --log')");
        }

        if (inputs.TlogHead is { } head && !File.Exists(head))
        {
            problems.Add($"--tlog-head {head}: no such file; save one with 'whisper tlog head > head.json'");
        }

        problems.AddRange(inputs.KeyPaths.Where(k => !File.Exists(k) && !Directory.Exists(k)).Select(k => $"--keys {k}: no such file or folder"));
        foreach (var (option, path) in new[] { ("--json", options.JsonPath), ("--markdown", options.MarkdownPath) })
        {
            if (path is not null && Directory.Exists(path))
            {
                problems.Add($"{option} {path}: is a folder; give a file name to write");
            }
        }

        if (problems.Count > 0 || catalog is null)
        {
            throw new ComplianceInputException(problems);
        }

        var context = new EvidenceContext(options.Root, inputs, probes, time);
        var report = await ComplianceEvaluator.EvaluateAsync(catalog, context, cancellationToken).ConfigureAwait(false);
        if (options.JsonPath is not null)
        {
            WriteFile(options.JsonPath, stream => ComplianceJsonReport.Write(report, stream));
        }

        if (options.MarkdownPath is not null)
        {
            WriteFile(options.MarkdownPath, stream =>
            {
                using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true);
                ComplianceMarkdownReport.Write(report, writer);
            });
        }

        return report;
    }

    /// <summary>Writes to a temporary file beside <paramref name="path"/>, then renames it: a reader never sees half a report.</summary>
    private static void WriteFile(string path, Action<Stream> write)
    {
        var full = Path.GetFullPath(path);
        var temporary = full + ".tmp";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                write(stream);
            }

            File.Move(temporary, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ComplianceInputException($"{path}: cannot be written ({e.Message.TrimEnd('.')}); check the folder and its permissions", e);
        }
    }
}
