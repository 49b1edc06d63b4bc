using System.CommandLine;
using System.Text.Json;
using System.Text.RegularExpressions;

using Whisper.Cli.Bench;
using Whisper.Cli.Console;
using Whisper.Recommendation.Embeddings;
using Whisper.World.Generation;

namespace Whisper.Cli.Commands;

/// <summary><c>whisper bench train</c>: online-training events/s on one core and memory per million embeddings, as JSON.</summary>
public static class BenchTrainCommand
{
    public static Command Create(CliConsole console)
    {
        var users = new Option<int>("--users") { Description = "Users in the generated world.", DefaultValueFactory = _ => 50_000 };
        var videos = new Option<int>("--videos") { Description = "Videos in the generated world.", DefaultValueFactory = _ => 100_000 };
        var days = new Option<int>("--days") { Description = "Days of events (≈170k events per day at the default size; all held in memory).", DefaultValueFactory = _ => 7 };
        var dimension = new Option<int>("--dimension") { Description = "Embedding dimension.", DefaultValueFactory = _ => 32 };
        var seed = new Option<long>("--seed") { Description = "World seed.", DefaultValueFactory = _ => 42 };
        var memoryRows = new Option<int>("--memory-rows") { Description = "Rows admitted to measure memory per million embeddings (scaled).", DefaultValueFactory = _ => 1_000_000 };
        var command = new Command("train", "Measure online training (events/s on one core) against same-run forward-only and popularity-counter baselines, plus memory per million embeddings.")
        {
            users, videos, days, dimension, seed, memoryRows,
        };
        command.SetAction(async (parse, ct) =>
        {
            var world = new WorldOptions { Users = parse.GetValue(users), Videos = parse.GetValue(videos), Days = parse.GetValue(days), Seed = parse.GetValue(seed) };
            var problems = world.Validate();
            if (problems.Count > 0)
            {
                // The generator names its properties (Users); the CLI user knows the flags (--users).
                throw new UsageException(Regex.Replace(string.Join(" ", problems), @"\b(Users|Videos|Days|Seed)\b", m => "--" + m.Value.ToLowerInvariant()));
            }

            var d = parse.GetValue(dimension);
            if (d is < 1 or > EmbeddingTableOptions.MaxDimension)
            {
                throw new UsageException($"--dimension must be 1..{EmbeddingTableOptions.MaxDimension}, not {d}.");
            }

            var options = new TrainBenchOptions(world, d, BenchIngestCommand.Positive(parse.GetValue(memoryRows), "--memory-rows"));
            var result = await ProgressDisplay.RunAsync(console with { Out = console.Error }, p => Task.Run(() => TrainBenchmark.Run(options, p, ct), ct)).ConfigureAwait(false);
            console.Out.WriteLine(result.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            return ExitCodes.Ok;
        });
        return command;
    }
}
