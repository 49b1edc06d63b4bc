using System.CommandLine;
using System.Text.Json;

using Whisper.Cli.Bench;
using Whisper.Cli.Console;

namespace Whisper.Cli.Commands;

/// <summary>
/// <c>whisper bench features [--redis host:port]</c>: online feature reads (p50/p99, 20 features for one user) in-process and
/// on Redis, and the offline point-in-time build rate, as JSON with same-run baselines. Exits 1 when the in-process p99 misses
/// the 50 µs target.
/// </summary>
public static class BenchFeaturesCommand
{
    public static Command Create(CliConsole console)
    {
        var defaults = new FeaturesBenchmark.Settings();
        var users = new Option<int>("--users") { Description = "Users with 20 stored features each.", DefaultValueFactory = _ => defaults.Users };
        var reads = new Option<int>("--reads") { Description = "Timed in-process reads (and as many baseline lookups).", DefaultValueFactory = _ => defaults.Reads };
        var events = new Option<int>("--events") { Description = "Events in the offline build's synthetic log.", DefaultValueFactory = _ => defaults.Events };
        var rows = new Option<int>("--rows") { Description = "Training rows the offline build fills.", DefaultValueFactory = _ => defaults.Rows };
        var redis = new Option<string?>("--redis") { Description = "host:port of a Redis or Garnet server: adds the Redis provider's figures (keys are removed after)." };
        var redisReads = new Option<int>("--redis-reads") { Description = "Timed Redis reads.", DefaultValueFactory = _ => defaults.RedisReads };
        var seed = new Option<int>("--seed") { Description = "Seed of every random draw.", DefaultValueFactory = _ => defaults.Seed };
        var command = new Command("features", "Measure online feature reads (p50/p99, in-process and Redis) and the offline point-in-time build against same-run baselines.")
        {
            users, reads, events, rows, redis, redisReads, seed,
        };
        command.SetAction(async (parse, ct) =>
        {
            var settings = new FeaturesBenchmark.Settings
            {
                Users = BenchIngestCommand.Positive(parse.GetValue(users), "--users"),
                Reads = BenchIngestCommand.Positive(parse.GetValue(reads), "--reads"),
                Events = BenchIngestCommand.Positive(parse.GetValue(events), "--events"),
                Rows = BenchIngestCommand.Positive(parse.GetValue(rows), "--rows"),
                Redis = parse.GetValue(redis),
                RedisReads = BenchIngestCommand.Positive(parse.GetValue(redisReads), "--redis-reads"),
                Seed = parse.GetValue(seed),
            };
            var result = await ProgressDisplay.RunAsync(console with { Out = console.Error }, p => Task.Run(() => FeaturesBenchmark.Run(settings, p, ct), ct)).ConfigureAwait(false);
            console.Out.WriteLine(result.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            return result["meets_target"]!.GetValue<bool>() ? ExitCodes.Ok : ExitCodes.Failed;
        });
        return command;
    }
}
