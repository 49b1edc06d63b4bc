using System.CommandLine;
using System.Globalization;
using System.Text.Json;

using Whisper.Cli.Bench;
using Whisper.Cli.Console;
using Whisper.World.Generation;

namespace Whisper.Cli.Commands;

/// <summary><c>whisper bench feed</c>: feed p50/p99/feeds-per-second in-process and over HTTP, LightGBM against the model-score baseline, as JSON.</summary>
public static class BenchFeedCommand
{
    /// <summary>World options shared by the feed benchmarks (defaults: 50k users, 100k videos).</summary>
    internal sealed class WorldFlags(int days)
    {
        public Option<int> Users { get; } = new("--users") { Description = "Users in the generated world.", DefaultValueFactory = _ => 50_000 };

        public Option<int> Videos { get; } = new("--videos") { Description = "Videos in the generated world.", DefaultValueFactory = _ => 100_000 };

        public Option<int> Days { get; } = new("--days") { Description = "Days of events (≈170k events per day at the default size).", DefaultValueFactory = _ => days };

        public Option<long> Seed { get; } = new("--seed") { Description = "World and sampling seed.", DefaultValueFactory = _ => 42 };

        public Option<string?> DataDir { get; } = new("--data-dir")
        {
            Description = "Folder for the world's store, checkpoints and index; kept, so a rerun skips generation and training (default .whisper/bench-<users>-<videos>-<days>-<seed>).",
        };

        public void AddTo(Command command)
        {
            command.Add(Users);
            command.Add(Videos);
            command.Add(Days);
            command.Add(Seed);
            command.Add(DataDir);
        }

        public (WorldOptions World, string DataDirectory) Resolve(ParseResult parse)
        {
            var world = EngineBenchWorld.ValidWorld(new WorldOptions { Users = parse.GetValue(Users), Videos = parse.GetValue(Videos), Days = parse.GetValue(Days), Seed = parse.GetValue(Seed) });
            var folder = parse.GetValue(DataDir) ?? Path.Combine(".whisper", string.Create(CultureInfo.InvariantCulture, $"bench-{world.Users}-{world.Videos}-{world.Days}-{world.Seed}"));
            return (world, folder);
        }
    }

    public static Command Create(CliConsole console)
    {
        var world = new WorldFlags(days: 7);
        var requests = new Option<int>("--requests") { Description = "Measured feed requests per ranker and mode.", DefaultValueFactory = _ => 4_000 };
        var warmUp = new Option<int>("--warmup") { Description = "Unmeasured requests before each measurement.", DefaultValueFactory = _ => 500 };
        var concurrency = new Option<string>("--concurrency")
        {
            Description = "Concurrent HTTP clients: one number or a comma-separated sweep; the report keeps the best rate whose p99 is within 10 ms.",
            DefaultValueFactory = _ => "2,4,8",
        };
        var count = new Option<int>("--count") { Description = "Items per page.", DefaultValueFactory = _ => 10 };
        var topK = new Option<int>("--rank-top-k") { Description = "Candidates (best by model score) the ranker scores; 0 = all.", DefaultValueFactory = _ => new Recommendation.Feed.FeedOptions().RankTopK };
        var trees = new Option<int>("--trees") { Description = "LightGBM trees per objective (boosting iterations); fewer is faster to score, see the AUC in the output.", DefaultValueFactory = _ => new Recommendation.Ranking.RankerOptions().Iterations };
        var command = new Command("feed", "Measure the For You feed (p50/p99/feeds per second) in-process and over HTTP on loopback, LightGBM against the model-score ranker in the same run.")
        {
            requests, warmUp, concurrency, count, topK, trees,
        };
        world.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var (options, folder) = world.Resolve(parse);
            var bench = new FeedBenchOptions(
                BenchIngestCommand.Positive(parse.GetValue(requests), "--requests"),
                NonNegative(parse.GetValue(warmUp), "--warmup"),
                Sweep(parse.GetValue(concurrency)),
                BenchIngestCommand.Positive(parse.GetValue(count), "--count"),
                parse.GetValue(world.Seed));
            var k = NonNegative(parse.GetValue(topK), "--rank-top-k");
            var iterations = BenchIngestCommand.Positive(parse.GetValue(trees), "--trees");
            if (bench.Count > 50)
            {
                throw new UsageException($"--count must be 1..50 (the feed's MaxCount), not {bench.Count}.");
            }

            await using var running = await EngineBenchWorld.CreateAsync(console, options, folder, o => o with
            {
                Feed = o.Feed with { RetryWindow = TimeSpan.Zero, RankTopK = k },
                MinImpressionsForRanker = 1,
                Ranker = o.Ranker with { Iterations = iterations },
            }, ct).ConfigureAwait(false);
            var result = await FeedBenchmark.RunAsync(running, bench, ct).ConfigureAwait(false);
            console.Out.WriteLine(result.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            return ExitCodes.Ok;
        });
        return command;
    }

    internal static IReadOnlyList<int> Sweep(string? text)
    {
        var values = new List<int>();
        foreach (var part in (text ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value <= 0)
            {
                throw new UsageException($"--concurrency must be positive integers separated by commas (e.g. 2,4,8), not '{text}'.");
            }

            values.Add(value);
        }

        return values.Count > 0 ? [.. values.Distinct()] : throw new UsageException("--concurrency needs at least one value, e.g. 2,4,8.");
    }

    internal static int NonNegative(int value, string option) =>
        value >= 0 ? value : throw new UsageException($"{option} must be 0 or more, not {value}.");
}
