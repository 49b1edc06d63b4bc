using System.CommandLine;
using System.Globalization;
using System.Text.Json;

using Whisper.Cli.Console;
using Whisper.Recommendation.Catalog;
using Whisper.Recommendation.RankingAudit;
using Whisper.Recommendation.ResponseLog;
using Whisper.Storage;

namespace Whisper.Cli.Commands;

/// <summary>
/// <c>whisper integrity ranking</c>: the manipulation audit (docs/manipulation-audit.md) — replays logged requests through
/// the approved checkpoint and the declared rules, and reports hidden boosts and suppressions per item, creator and
/// topic with evidence; exit 1 when there is a finding.
/// </summary>
public static class IntegrityRankingCommand
{
    public static Command Create(CliConsole console)
    {
        var store = new StoreSelection();
        var responses = new Option<string>("--responses") { Description = "Served-response log (JSON lines; 'whisper serve --response-log').", Required = true };
        var checkpoint = new Option<string>("--checkpoint") { Description = "The approved model the responses should come from (ckpt-….wck).", Required = true };
        var rules = new Option<string?>("--rules") { Description = "Declared business rules (JSON; default: the engine's defaults). See docs/manipulation-audit.md." };
        var alpha = new Option<double>("--alpha") { Description = "Family-wise false-finding rate per dimension.", DefaultValueFactory = _ => new ManipulationThresholds().FamilyAlpha };
        var minRatio = new Option<double>("--min-ratio") { Description = "Smallest served/expected ratio (or its inverse) that counts.", DefaultValueFactory = _ => new ManipulationThresholds().MinRatio };
        var minSupport = new Option<int>("--min-support") { Description = "Fewest slots (served + expected) an entity needs to be tested.", DefaultValueFactory = _ => new ManipulationThresholds().MinSupport };
        var output = new Option<string?>("--out") { Description = "Also write the report as JSON to this file." };
        var command = new Command("ranking", "Replay logged requests through the approved model and declared rules; report hidden boosts and suppressions (exit 1 on a finding).")
        {
            responses, checkpoint, rules, alpha, minRatio, minSupport, output,
        };
        store.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var thresholds = new ManipulationThresholds { FamilyAlpha = parse.GetValue(alpha), MinRatio = parse.GetValue(minRatio), MinSupport = parse.GetValue(minSupport) };
            if (thresholds.Validate() is { Count: > 0 } problems)
            {
                throw new UsageException(string.Join(" ", problems).Replace("FamilyAlpha", "--alpha", StringComparison.Ordinal).Replace("MinRatio", "--min-ratio", StringComparison.Ordinal).Replace("MinSupport", "--min-support", StringComparison.Ordinal));
            }

            ManipulationReport report;
            try
            {
                var declared = parse.GetValue(rules) is { } rulesPath ? DeclaredRules.Load(rulesPath) : new DeclaredRules();
                var logged = ResponseLogReader.ReadAll(parse.GetValue(responses)!);
                var storeOptions = store.Resolve(parse);
                await using var opened = await WhisperStores.OpenAsync(storeOptions, ct).ConfigureAwait(false);
                var catalog = await CatalogView.LoadAsync(opened.Catalog, ct).ConfigureAwait(false);
                using var auditor = await ManipulationAuditor.CreateAsync(catalog, opened.Events, parse.GetValue(checkpoint)!, declared, ManipulationAuditor.AuditedSince(logged), ct).ConfigureAwait(false);
                report = auditor.Audit(logged, thresholds);
            }
            catch (InvalidDataException e)
            {
                throw new UsageException(e.Message);
            }

            if (parse.GetValue(output) is { } path)
            {
                File.WriteAllText(path, JsonSerializer.Serialize(report, RankingAuditJsonContext.Default.ManipulationReport));
            }

            Print(console, report);
            return report.Passed ? ExitCodes.Ok : ExitCodes.Failed;
        });
        return command;
    }

    private static void Print(CliConsole console, ManipulationReport report)
    {
        var c = CultureInfo.InvariantCulture;
        console.Out.WriteLine(string.Create(c, $"replayed {report.Replayed} of {report.Responses} responses ({report.SkippedColdStart} cold start skipped) through {report.ModelVersion} (sha256 {report.ModelSha256[..16]}…); served {report.ServedSlots} slots, expected {report.ExpectedSlots}."));
        if (report.FromOtherModels > 0)
        {
            console.Out.WriteLine(string.Create(c, $"warning: {report.FromOtherModels} responses were served by another model hash; check them with 'whisper integrity responses'."));
        }

        foreach (var d in report.Dimensions)
        {
            console.Out.WriteLine(string.Create(c, $"  {d.Dimension,-8} {d.Entities,7} seen, {d.Tested,7} tested, per-test alpha {d.PerTestAlpha:0.###e+0}"));
        }

        if (report.Findings.Count > 0)
        {
            console.Out.WriteLine($"{"kind",-12} {"dimension",-9} {"id",20} {"served",8} {"expected",9} {"ratio",8} {"p",10}  example requests");
        }

        foreach (var f in report.Findings)
        {
            console.Out.WriteLine(string.Create(c, $"{f.Kind,-12} {f.Dimension,-9} {f.Id,20} {f.Served,8} {f.Expected,9} {f.Ratio,8:0.###} {f.PValue,10:0.##e+0}  {string.Join(", ", f.ExampleRequestIds.Take(3))}"));
        }

        console.Out.WriteLine(report.Passed ? "no finding: the approved model and the declared rules explain what was served." : $"{report.Findings.Count} finding(s): exposure the approved model and the declared rules do not explain.");
    }
}
