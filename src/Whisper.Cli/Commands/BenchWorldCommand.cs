using System.CommandLine;
using System.Text.Json;

using Whisper.Cli.Bench;
using Whisper.Cli.Console;

namespace Whisper.Cli.Commands;

/// <summary><c>whisper bench world</c>: world generation time (default: the demo world) as JSON on stdout.</summary>
public static class BenchWorldCommand
{
    public static Command Create(CliConsole console)
    {
        var shape = new WorldShapeOptions();
        var command = new Command("world", "Measure generating a world (catalog + all events, no store) against a same-run raw SQLite insert baseline.");
        shape.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var options = shape.Resolve(parse);
            var workDir = Path.Combine(Path.GetTempPath(), $"whisper-bench-{Guid.NewGuid():N}");
            try
            {
                var result = await ProgressDisplay.RunAsync(console with { Out = console.Error }, p => Task.Run(() => WorldBenchmark.Run(options, workDir, p, ct), ct)).ConfigureAwait(false);
                console.Out.WriteLine(result.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            }
            finally
            {
                if (Directory.Exists(workDir))
                {
                    Directory.Delete(workDir, recursive: true);
                }
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
