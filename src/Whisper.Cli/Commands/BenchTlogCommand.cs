using System.CommandLine;
using System.Text.Json;

using Whisper.Cli.Bench;
using Whisper.Cli.Console;

namespace Whisper.Cli.Commands;

/// <summary>
/// <c>whisper bench tlog</c>: transparency log appends (fsync'd, single and batched) and proof generation at 10M
/// leaves by default, with Core's leaf hashing and list-based proofs as same-run baselines, as JSON on stdout.
/// Exits 1 when a proof it generated does not verify.
/// </summary>
public static class BenchTlogCommand
{
    public static Command Create(CliConsole console)
    {
        var defaults = new TlogBenchmark.Settings();
        var leaves = new Option<long>("--leaves") { Description = "Leaves to build the log to before measuring (needs ~135 bytes of disk per leaf).", DefaultValueFactory = _ => defaults.Leaves };
        var batch = new Option<int>("--batch") { Description = "Entries per fsync'd batch in the batched-append measurement.", DefaultValueFactory = _ => defaults.AppendBatch };
        var single = new Option<int>("--single") { Description = "Single fsync'd appends measured.", DefaultValueFactory = _ => defaults.SingleAppends };
        var proofs = new Option<int>("--proofs") { Description = "Inclusion and consistency proofs timed at full size.", DefaultValueFactory = _ => defaults.Proofs };
        var baseline = new Option<int>("--baseline-leaves") { Description = "Size at which Core's list-based proofs are timed next to the log's.", DefaultValueFactory = _ => defaults.BaselineLeaves };
        var directory = new Option<string?>("--dir") { Description = "Where to build the log (default: a new folder under the temp path, deleted afterwards)." };
        var command = new Command("tlog", "Measure the transparency log: fsync'd appends and proof generation at 10M leaves, against Core's leaf hashing and list-based proofs.")
        {
            leaves, batch, single, proofs, baseline, directory,
        };
        command.SetAction(async (parse, ct) =>
        {
            var settings = defaults with
            {
                Leaves = parse.GetValue(leaves) is var n and >= 2 ? n : throw new UsageException("--leaves must be at least 2."),
                AppendBatch = parse.GetValue(batch) is var b and >= 1 ? b : throw new UsageException("--batch must be at least 1."),
                SingleAppends = parse.GetValue(single) is var s and >= 1 ? s : throw new UsageException("--single must be at least 1."),
                Proofs = parse.GetValue(proofs) is var p and >= 1 ? p : throw new UsageException("--proofs must be at least 1."),
                BaselineLeaves = parse.GetValue(baseline) is var l and >= 2 ? l : throw new UsageException("--baseline-leaves must be at least 2."),
            };
            var given = parse.GetValue(directory);
            if (given is not null && Directory.Exists(given) && Directory.EnumerateFileSystemEntries(given).Any())
            {
                throw new UsageException($"--dir {given} is not empty; the benchmark builds a new log there.");
            }

            var work = given ?? Path.Combine(Path.GetTempPath(), $"whisper-bench-tlog-{Guid.NewGuid():N}");
            try
            {
                var result = await ProgressDisplay.RunAsync(console with { Out = console.Error }, p => TlogBenchmark.RunAsync(settings, work, p, ct)).ConfigureAwait(false);
                console.Out.WriteLine(result.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
                return result["proofs_verified"]!.GetValue<bool>() ? ExitCodes.Ok : ExitCodes.Failed;
            }
            finally
            {
                if (given is null && Directory.Exists(work))
                {
                    Directory.Delete(work, recursive: true);
                }
            }
        });
        return command;
    }
}
