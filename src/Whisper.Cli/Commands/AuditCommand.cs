using System.CommandLine;

using Whisper.Cli.Console;
using Whisper.Security.Audit;
using Whisper.Security.Audit.Reporting;

namespace Whisper.Cli.Commands;

/// <summary>
/// <c>whisper audit &lt;path&gt;</c>: scans a source tree (and .NET assemblies) for endpoints outside the region allowlist,
/// data-collection calls, secrets, disabled TLS validation, dynamic code loading and obfuscated endpoints; writes SARIF
/// 2.1.0 or text; exits 1 when a finding not in the baseline is at or above <c>--fail-on</c>. Rules: docs/security/audit-rules.md.
/// </summary>
public static class AuditCommand
{
    public static Command Create(CliConsole console)
    {
        var path = new Argument<string>("path") { Description = "Source tree (or one file) to scan." };
        var allowlist = new Option<string>("--allowlist")
        {
            Description = "Region allowlist: DNS names and CIDR blocks the region may reach (e.g. allowlists/us.json; docs/security/allowlist.md).",
            Required = true,
        };
        var rules = new Option<string?>("--rules") { Description = "Rules file (default: the built-in rules/audit-rules.json)." };
        var baseline = new Option<string?>("--baseline") { Description = "Known findings, by fingerprint: reported as suppressed, never fail the run." };
        var writeBaseline = new Option<string?>("--write-baseline") { Description = "Write every finding of this run to this file as the new baseline (the run then exits 0)." };
        var failOn = new Option<string>("--fail-on")
        {
            Description = "Exit 1 when a finding not in the baseline has at least this level: error, warning or note.",
            DefaultValueFactory = _ => "warning",
        };
        var format = new Option<string>("--format") { Description = "Report format: sarif (SARIF 2.1.0) or text.", DefaultValueFactory = _ => "sarif" };
        var output = new Option<string?>("--out") { Description = "Write the report to this file instead of standard output." };
        var threads = new Option<int>("--threads") { Description = "Files scanned at once (default: one per core).", DefaultValueFactory = _ => Environment.ProcessorCount };

        var command = new Command("audit", "Audit code and assemblies for hard-coded endpoints outside the region, data-collection calls, secrets, disabled TLS and dynamic code (SARIF 2.1.0).")
        {
            path, allowlist, rules, baseline, writeBaseline, failOn, format, output, threads,
        };
        command.SetAction((parse, ct) =>
        {
            var threadCount = parse.GetValue(threads);
            if (threadCount is < 1 or > 256)
            {
                throw new UsageException($"--threads {threadCount} is out of range; use 1 to 256.");
            }

            var level = parse.GetValue(failOn) switch
            {
                "error" => AuditLevel.Error,
                "warning" => AuditLevel.Warning,
                "note" => AuditLevel.Note,
                var other => throw new UsageException($"--fail-on '{other}' is not a level; use error, warning or note."),
            };
            var reportFormat = parse.GetValue(format) switch
            {
                "sarif" => AuditFormat.Sarif,
                "text" => AuditFormat.Text,
                var other => throw new UsageException($"--format '{other}' is not a format; use sarif or text."),
            };
            var options = new AuditOptions
            {
                Path = parse.GetValue(path)!,
                AllowlistPath = parse.GetValue(allowlist)!,
                RulesPath = parse.GetValue(rules),
                BaselinePath = parse.GetValue(baseline),
                WriteBaselinePath = parse.GetValue(writeBaseline),
                FailOn = level,
                Format = reportFormat,
                OutPath = parse.GetValue(output),
                Parallelism = threadCount,
            };

            AuditOutcome outcome;
            try
            {
                outcome = AuditRun.Execute(options, console.Out, ct);
            }
            catch (AuditInputException e)
            {
                throw new UsageException(e.Message);
            }

            if (options.Format == AuditFormat.Sarif || options.OutPath is not null)
            {
                console.Error.WriteLine(TextReport.Summary(outcome.Report));
            }

            return Task.FromResult(outcome.Failed ? ExitCodes.Failed : ExitCodes.Ok);
        });
        return command;
    }
}
