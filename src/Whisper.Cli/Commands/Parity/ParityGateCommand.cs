using System.CommandLine;

using Whisper.Cli.Console;
using Whisper.Parity.Report;

namespace Whisper.Cli.Commands.Parity;

/// <summary><c>whisper parity gate</c>: prints the verdict of the last run and exits 0 on pass, 1 on fail or inconclusive.</summary>
public static class ParityGateCommand
{
    public static Command Create(CliConsole console)
    {
        var results = ParityCommand.ResultsOption();
        var command = new Command("gate", "Print the cutover gate's verdict of the last run; exit 0 pass, 1 fail or inconclusive.") { results };
        command.SetAction(async (parse, ct) =>
        {
            var folder = parse.GetValue(results)!;
            var verdict = await ParityReportCommand.ReadAsync(() => ParityResults.ReadVerdictAsync(folder, ct), folder).ConfigureAwait(false);
            var outcome = (string?)verdict["outcome"];
            console.Out.WriteLine($"parity gate: {outcome} ({(string?)verdict["mode"]}, {(int?)verdict["requests"]} requests, {(int?)verdict["judgedRequests"]} judged)");
            foreach (var reason in verdict["reasons"]!.AsArray())
            {
                console.Out.WriteLine($"  {(string?)reason}");
            }

            return outcome == "pass" ? ExitCodes.Ok : ExitCodes.Failed;
        });
        return command;
    }
}
