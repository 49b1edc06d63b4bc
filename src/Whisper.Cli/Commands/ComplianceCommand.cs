using System.CommandLine;

using Whisper.Cli.Console;
using Whisper.Security.Compliance;
using Whisper.Security.Compliance.Reporting;

namespace Whisper.Cli.Commands;

/// <summary>
/// <c>whisper compliance</c>: checks the evidence a controls catalog (default: the shipped FedRAMP High mapping) claims
/// for each control against a checkout or deployment folder, prints a summary table and writes JSON and Markdown
/// reports. Exit 0 when all claimed evidence holds, 1 on drift (missing or failed evidence), 2 on bad input.
/// Format and statuses: docs/security/compliance.md.
/// </summary>
public static class ComplianceCommand
{
    public static Command Create(CliConsole console)
    {
        var root = new Option<string>("--root") { Description = "Checkout or deployment folder the catalog's paths start from.", DefaultValueFactory = _ => "." };
        var catalog = new Option<string?>("--catalog") { Description = "Controls catalog (default: the built-in compliance/fedramp-high.json)." };
        var json = new Option<string?>("--json") { Description = "Write the JSON report (format whisper-compliance-report) to this file." };
        var markdown = new Option<string?>("--markdown") { Description = "Write the Markdown report to this file." };
        var tlog = new Option<string?>("--tlog") { Description = "Transparency log directory for the tlog-verifies probe (not-run without it)." };
        var tlogHead = new Option<string?>("--tlog-head") { Description = "A signed tree head saved earlier ('whisper tlog head' output) the log must be consistent with." };
        var keys = new Option<string[]>("--keys")
        {
            Description = "Key file or key folder for the owner-only-files probe; repeat for several (not-run without it).",
            Arity = ArgumentArity.ZeroOrMore,
        };

        var command = new Command("compliance", "Check the evidence for each control of a catalog (FedRAMP High / NIST 800-53 by default); summary, JSON and Markdown; exit 1 on drift.")
        {
            root, catalog, json, markdown, tlog, tlogHead, keys,
        };
        command.SetAction(async (parse, ct) =>
        {
            var options = new ComplianceOptions
            {
                Root = parse.GetValue(root)!,
                CatalogPath = parse.GetValue(catalog),
                JsonPath = parse.GetValue(json),
                MarkdownPath = parse.GetValue(markdown),
                Inputs = new ComplianceInputs
                {
                    TlogDirectory = parse.GetValue(tlog),
                    TlogHead = parse.GetValue(tlogHead),
                    KeyPaths = parse.GetValue(keys) ?? [],
                },
            };

            ComplianceReport report;
            try
            {
                report = await ComplianceRun.ExecuteAsync(options, cancellationToken: ct).ConfigureAwait(false);
            }
            catch (ComplianceInputException e)
            {
                throw new UsageException(e.Message);
            }

            ComplianceSummary.Write(report, console.Out);
            return report.HasDrift ? ExitCodes.Failed : ExitCodes.Ok;
        });
        return command;
    }
}
