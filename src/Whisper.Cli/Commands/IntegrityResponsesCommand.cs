using System.CommandLine;
using System.Globalization;
using System.Text.Json;

using Whisper.Cli.Console;
using Whisper.Recommendation.Attestation;
using Whisper.Recommendation.RankingAudit;
using Whisper.Recommendation.ResponseLog;

namespace Whisper.Cli.Commands;

/// <summary>
/// <c>whisper integrity responses</c>: checks a sample of logged feed responses against the verified model registry
/// (docs/model-attestation.md, "Auditing responses"); exit 1 naming every unapproved model version or hash.
/// </summary>
public static class IntegrityResponsesCommand
{
    public static Command Create(CliConsole console)
    {
        var responses = new Option<string>("--responses") { Description = "Served-response log (JSON lines; 'whisper serve --response-log').", Required = true };
        var log = ModelCommand.LogOption();
        var registry = ModelCommand.RegistryOption();
        var publicKey = new Option<string?>("--public-key") { Description = "The log's public key (head-signing.spki) to pin instead of <log>/head-signing.spki." };
        var sample = new Option<int?>("--sample") { Description = "Check this many responses drawn at random (default: all)." };
        var seed = new Option<int>("--seed") { Description = "Seed of the --sample draw.", DefaultValueFactory = _ => 1 };
        var output = new Option<string?>("--out") { Description = "Also write the report as JSON to this file." };
        var command = new Command("responses", "Check logged feed responses against approved model versions and hashes; exit 1 naming unapproved ones.")
        {
            responses, log, registry, publicKey, sample, seed, output,
        };
        command.SetAction(parse =>
        {
            if (parse.GetValue(sample) is < 1)
            {
                throw new UsageException("--sample must be at least 1 (or left out to check every response).");
            }

            var key = ModelCommand.PinnedKey(parse.GetValue(log)!, parse.GetValue(publicKey));
            ApprovedModels approved;
            IReadOnlyList<ServedResponse> logged;
            try
            {
                approved = ModelCommand.LoadApproved(ModelCommand.RegistryPath(parse, registry, log), key);
                logged = ResponseLogReader.ReadAll(parse.GetValue(responses)!);
            }
            catch (Exception e) when (e is ModelAttestationException or InvalidDataException)
            {
                throw new UsageException(e.Message);
            }

            var report = ResponseVersionAudit.Check(logged, approved, parse.GetValue(sample), parse.GetValue(seed));
            if (parse.GetValue(output) is { } path)
            {
                File.WriteAllText(path, JsonSerializer.Serialize(report, RankingAuditJsonContext.Default.ResponseVersionReport));
            }

            console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"checked {report.Checked} of {report.Logged} logged responses against {approved.Count} approved model file(s); {report.WithoutModelHash} carried no model hash."));
            foreach (var u in report.Unapproved)
            {
                console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"UNAPPROVED  {u.ModelVersion} sha256 {u.ModelSha256 ?? "-"}: {u.Reason}, {u.Responses} response(s), e.g. {string.Join(", ", u.ExampleRequestIds)}"));
            }

            console.Out.WriteLine(report.Passed ? "every checked response names an approved model." : $"{report.Unapproved.Count} unapproved model version(s) served.");
            return report.Passed ? ExitCodes.Ok : ExitCodes.Failed;
        });
        return command;
    }
}
