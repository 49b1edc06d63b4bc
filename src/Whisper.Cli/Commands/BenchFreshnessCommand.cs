using System.CommandLine;
using System.Text.Json;

using Whisper.Cli.Bench;
using Whisper.Cli.Console;

namespace Whisper.Cli.Commands;

/// <summary><c>whisper bench freshness</c>: ingest (HTTP) to the changed video vector being retrievable by serving, nudged against poll-only, as JSON.</summary>
public static class BenchFreshnessCommand
{
    public static Command Create(CliConsole console)
    {
        var world = new BenchFeedCommand.WorldFlags(days: 7);
        var trials = new Option<int>("--trials") { Description = "New videos (bursts) per mode.", DefaultValueFactory = _ => 20 };
        var burst = new Option<int>("--burst-users") { Description = "Users in each burst (a view and a like each), chosen close to the probe user.", DefaultValueFactory = _ => 30 };
        var topK = new Option<int>("--top-k") { Description = "The probe's ANN search depth (the feed's warm ANN budget).", DefaultValueFactory = _ => 300 };
        var pollMs = new Option<int>("--poll-ms") { Description = "The trainer's poll interval (what a burst waits without a nudge).", DefaultValueFactory = _ => 1_000 };
        var timeoutMs = new Option<int>("--timeout-ms") { Description = "A trial not served within this counts as missed.", DefaultValueFactory = _ => 5_000 };
        var command = new Command("freshness", "Measure ingest-to-serving freshness: HTTP POST of an engagement burst on a new video until its vector is in the ANN index and retrievable, with and without the ingest nudge.")
        {
            trials, burst, topK, pollMs, timeoutMs,
        };
        world.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var (options, folder) = world.Resolve(parse);
            var bench = new FreshnessBenchOptions(
                BenchIngestCommand.Positive(parse.GetValue(trials), "--trials"),
                BenchIngestCommand.Positive(parse.GetValue(burst), "--burst-users"),
                BenchIngestCommand.Positive(parse.GetValue(topK), "--top-k"),
                TimeSpan.FromMilliseconds(BenchIngestCommand.Positive(parse.GetValue(timeoutMs), "--timeout-ms")),
                parse.GetValue(world.Seed));
            var poll = TimeSpan.FromMilliseconds(BenchIngestCommand.Positive(parse.GetValue(pollMs), "--poll-ms"));
            await using var running = await EngineBenchWorld.CreateAsync(console, options, folder, o => o with
            {
                Trainer = o.Trainer with { PollInterval = poll },
                MinImpressionsForRanker = 0,
            }, ct).ConfigureAwait(false);
            var result = await FreshnessBenchmark.RunAsync(running, bench, ct).ConfigureAwait(false);
            console.Out.WriteLine(result.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            return ExitCodes.Ok;
        });
        return command;
    }
}
