using System.CommandLine;
using System.Text.Json;

using Whisper.Cli.Bench;
using Whisper.Cli.Console;

namespace Whisper.Cli.Commands;

/// <summary><c>whisper bench ingest</c>: events/s in-process and over HTTP, per store, as JSON on stdout.</summary>
public static class BenchIngestCommand
{
    public static Command Create(CliConsole console)
    {
        var events = new Option<int>("--events") { Description = "Events appended in-process per store.", DefaultValueFactory = _ => 1_000_000 };
        var batch = new Option<int>("--batch") { Description = "Events per in-process append.", DefaultValueFactory = _ => 5_000 };
        var httpEvents = new Option<int>("--http-events") { Description = "Events posted over HTTP per store.", DefaultValueFactory = _ => 500_000 };
        var httpBatch = new Option<int>("--http-batch") { Description = "Events per HTTP request.", DefaultValueFactory = _ => 1_000 };
        var concurrency = new Option<int>("--concurrency") { Description = "Concurrent HTTP clients.", DefaultValueFactory = _ => 4 };
        var postgres = new Option<string?>("--postgres") { Description = "PostgreSQL connection string; when given, PostgreSQL is measured too (in throwaway schemas)." };
        var workDir = new Option<string?>("--work-dir") { Description = "Scratch folder for the SQLite files (default: a new temp folder, removed after)." };

        var command = new Command("ingest", "Measure event ingest: in-process and over HTTP on loopback, SQLite (and PostgreSQL), against same-run baselines.")
        {
            events, batch, httpEvents, httpBatch, concurrency, postgres, workDir,
        };
        command.SetAction(async (parse, ct) =>
        {
            var options = new IngestBenchOptions(
                Positive(parse.GetValue(events), "--events"),
                Positive(parse.GetValue(batch), "--batch"),
                Positive(parse.GetValue(httpEvents), "--http-events"),
                Positive(parse.GetValue(httpBatch), "--http-batch"),
                Positive(parse.GetValue(concurrency), "--concurrency"),
                parse.GetValue(postgres),
                parse.GetValue(workDir) ?? Path.Combine(Path.GetTempPath(), $"whisper-bench-{Guid.NewGuid():N}"));
            var ownsWorkDir = parse.GetValue(workDir) is null;
            try
            {
                var result = await ProgressDisplay.RunAsync(console with { Out = console.Error }, p => IngestBenchmark.RunAsync(options, p, ct)).ConfigureAwait(false);
                console.Out.WriteLine(result.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            }
            finally
            {
                if (ownsWorkDir && Directory.Exists(options.WorkDirectory))
                {
                    Directory.Delete(options.WorkDirectory, recursive: true);
                }
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    public static int Positive(int value, string option) =>
        value > 0 ? value : throw new UsageException($"{option} must be a positive number, not {value}.");
}
