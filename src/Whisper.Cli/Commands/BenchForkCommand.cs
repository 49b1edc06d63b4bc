using System.CommandLine;
using System.Text.Json;

using Whisper.Cli.Bench;
using Whisper.Cli.Console;

namespace Whisper.Cli.Commands;

/// <summary><c>whisper bench fork</c>: export, import and verify throughput against the same-run AES-256-GCM + SHA-256 ceiling, as JSON.</summary>
public static class BenchForkCommand
{
    public static Command Create(CliConsole console)
    {
        var shape = new WorldShapeOptions(new World.Generation.WorldOptions { Users = 20_000, Videos = 20_000, Days = 10 });
        var command = new Command("fork", "Measure fork export/import/verify throughput (MB/s per core) against the platform's AES-256-GCM + SHA-256 ceiling.");
        shape.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var options = shape.Resolve(parse);
            var workDir = Path.Combine(Path.GetTempPath(), $"whisper-bench-fork-{Guid.NewGuid():N}");
            try
            {
                var result = await ProgressDisplay.RunAsync(console with { Out = console.Error }, p => ForkBenchmark.RunAsync(options, workDir, p, ct)).ConfigureAwait(false);
                console.Out.WriteLine(result.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            }
            finally
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
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
