using System.CommandLine;
using System.Text.Json.Nodes;

using Whisper.Cli.Console;
using Whisper.Parity.Report;

namespace Whisper.Cli.Commands.Parity;

/// <summary><c>whisper parity report</c>: renders a run's report.json as the self-contained HTML report (or prints the JSON).</summary>
public static class ParityReportCommand
{
    public static Command Create(CliConsole console)
    {
        var results = ParityCommand.ResultsOption();
        var output = new Option<string?>("--out") { Description = "HTML file to write; default: report.html in the results folder." };
        var json = new Option<bool>("--json") { Description = "Print report.json to standard output instead." };
        var command = new Command("report", "Write the HTML report (charts: recovery curve, exposure shift, latency) of a parity run.") { results, output, json };
        command.SetAction(async (parse, ct) =>
        {
            var folder = parse.GetValue(results)!;
            var report = await ReadAsync(() => ParityResults.ReadReportAsync(folder, ct), folder).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                console.Out.WriteLine(report.ToJsonString(ParityJson.Indented));
                return ExitCodes.Ok;
            }

            var path = parse.GetValue(output) ?? Path.Combine(folder, ParityResults.HtmlFile);
            try
            {
                await File.WriteAllTextAsync(path, ParityReportHtml.Render(report), ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"--out {path}: cannot be written ({e.Message.TrimEnd('.')}); choose a writable path.");
            }

            console.Out.WriteLine($"report: {path}");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Reads a results document; a missing or foreign file is a usage error naming the fix.</summary>
    internal static async Task<JsonObject> ReadAsync(Func<Task<JsonObject>> read, string folder)
    {
        try
        {
            return await read().ConfigureAwait(false);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new UsageException($"--results {folder}: no parity results there; run 'whisper parity run --out {folder}' first.");
        }
        catch (FormatException e)
        {
            throw new UsageException($"--results {folder}: {e.Message.TrimEnd('.')}; run 'whisper parity run' again.");
        }
    }
}
