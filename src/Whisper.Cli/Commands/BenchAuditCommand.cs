using System.CommandLine;
using System.Text.Json;

using Whisper.Cli.Bench;
using Whisper.Cli.Console;

namespace Whisper.Cli.Commands;

/// <summary><c>whisper bench audit</c>: audit scan throughput on a generated tree against the same run's plain file read, plus the seeded corpus's recall and false positives, as JSON.</summary>
public static class BenchAuditCommand
{
    public static Command Create(CliConsole console)
    {
        var megabytes = new Option<int>("--mb") { Description = "Size of the generated source tree in MB.", DefaultValueFactory = _ => 64 };
        var threads = new Option<int>("--threads") { Description = "Scanning threads (and reading threads for the baseline).", DefaultValueFactory = _ => 2 };
        var command = new Command("audit", "Measure audit scan MB/s on a generated tree against plain reading of the same files, and recall/false positives on the seeded corpus.")
        {
            megabytes, threads,
        };
        command.SetAction((parse, ct) =>
        {
            var mb = parse.GetValue(megabytes);
            var threadCount = parse.GetValue(threads);
            if (mb is < 1 or > 4096)
            {
                throw new UsageException($"--mb {mb} is out of range; use 1 to 4096.");
            }

            if (threadCount is < 1 or > 256)
            {
                throw new UsageException($"--threads {threadCount} is out of range; use 1 to 256.");
            }

            var workDir = Path.Combine(Path.GetTempPath(), $"whisper-bench-audit-{Guid.NewGuid():N}");
            try
            {
                var result = AuditBenchmark.Run(mb * 1_000_000L, threadCount, workDir, console.Error, ct);
                console.Out.WriteLine(result.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            }
            finally
            {
                if (Directory.Exists(workDir))
                {
                    Directory.Delete(workDir, recursive: true);
                }
            }

            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }
}
