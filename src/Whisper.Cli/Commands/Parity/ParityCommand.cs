using System.CommandLine;

using Whisper.Cli.Console;

namespace Whisper.Cli.Commands.Parity;

/// <summary><c>whisper parity run|report|gate</c>: shadow comparison of a source and its fork, the report, the cutover gate (docs/parity.md).</summary>
public static class ParityCommand
{
    public const string DefaultResults = ".whisper/parity";

    public static Command Create(CliConsole console) =>
        new("parity", "Shadow-compare a fork with its source, explain a loss, gate the cutover.")
        {
            ParityRunCommand.Create(console),
            ParityReportCommand.Create(console),
            ParityGateCommand.Create(console),
        };

    public static Option<string> ResultsOption() =>
        new("--results") { Description = "Results folder (verdict.json, report.json, report.html, requests.jsonl).", DefaultValueFactory = _ => DefaultResults };
}
