using System.CommandLine;
using System.Text.Json;

using Microsoft.Data.Sqlite;

using Whisper.Cli.Bench;
using Whisper.Cli.Console;
using Whisper.World.Generation;

namespace Whisper.Cli.Commands;

/// <summary>
/// <c>whisper bench integrity</c>: manipulation-audit requests/s against a same-run replay-only baseline
/// (<see cref="IntegrityBenchmark"/>); JSON on stdout, exit 1 when the clean build shows a finding.
/// </summary>
public static class BenchIntegrityCommand
{
    public static Command Create(CliConsole console)
    {
        var users = new Option<int>("--users") { Description = "Users in the generated world.", DefaultValueFactory = _ => 5_000 };
        var videos = new Option<int>("--videos") { Description = "Videos in the generated world.", DefaultValueFactory = _ => 10_000 };
        var days = new Option<int>("--days") { Description = "Days of events generated.", DefaultValueFactory = _ => 3 };
        var pages = new Option<int>("--pages") { Description = "Feed pages served (and logged) before the audit.", DefaultValueFactory = _ => 5_000 };
        var command = new Command("integrity", "Measure the manipulation audit (requests/s) against a replay-only baseline on a served world.") { users, videos, days, pages };
        command.SetAction(async (parse, ct) =>
        {
            var world = new WorldOptions
            {
                Users = Fork.ForkExportCommand.CheckedRange(parse.GetValue(users), 100, 1_000_000, "--users"),
                Videos = Fork.ForkExportCommand.CheckedRange(parse.GetValue(videos), 100, 1_000_000, "--videos"),
                Days = Fork.ForkExportCommand.CheckedRange(parse.GetValue(days), 1, 60, "--days"),
                Seed = 17,
            };
            var pageCount = Fork.ForkExportCommand.CheckedRange(parse.GetValue(pages), 100, 1_000_000, "--pages");
            var work = Directory.CreateTempSubdirectory("whisper-bench-integrity-").FullName;
            try
            {
                var result = await ProgressDisplay.RunAsync(console with { Out = console.Error }, progress => IntegrityBenchmark.RunAsync(work, world, pageCount, progress, ct)).ConfigureAwait(false);
                console.Out.WriteLine(result.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
                return result["clean"]!.GetValue<bool>() ? ExitCodes.Ok : ExitCodes.Failed;
            }
            finally
            {
                SqliteConnection.ClearAllPools();
                Directory.Delete(work, recursive: true);
            }
        });
        return command;
    }
}
