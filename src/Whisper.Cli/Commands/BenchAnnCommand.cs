using System.CommandLine;
using System.Text.Json;

using Whisper.Cli.Bench;
using Whisper.Cli.Console;
using Whisper.Recommendation.Candidates;

namespace Whisper.Cli.Commands;

/// <summary>
/// <c>whisper bench ann</c>: HNSW (USearch) against exact search on the same seeded vectors, as JSON on stdout.
/// Exits 1 when Recall@10 is under the 0.95 target.
/// </summary>
public static class BenchAnnCommand
{
    public static Command Create(CliConsole console)
    {
        var defaults = new AnnBenchmark.Settings();
        var vectors = new Option<int>("--vectors") { Description = "Video vectors indexed.", DefaultValueFactory = _ => defaults.Vectors };
        var dimensions = new Option<int>("--dimensions") { Description = "Vector length.", DefaultValueFactory = _ => defaults.Dimensions };
        var queries = new Option<int>("--queries") { Description = "User vectors searched (top 10 each).", DefaultValueFactory = _ => defaults.Queries };
        var inserts = new Option<int>("--inserts") { Description = "Online inserts, and as many online updates, after the build.", DefaultValueFactory = _ => defaults.Inserts };
        var clusters = new Option<int>("--clusters") { Description = "Gaussian clusters the vectors are drawn around.", DefaultValueFactory = _ => defaults.Clusters };
        var seed = new Option<int>("--seed") { Description = "Seed of every random draw.", DefaultValueFactory = _ => defaults.Seed };
        var connectivity = new Option<int>("--connectivity") { Description = "HNSW edges per node (M).", DefaultValueFactory = _ => defaults.Index.Connectivity };
        var expansionAdd = new Option<int>("--expansion-add") { Description = "HNSW candidate list while inserting (efConstruction).", DefaultValueFactory = _ => defaults.Index.ExpansionAdd };
        var expansionSearch = new Option<int>("--expansion-search") { Description = "HNSW candidate list while searching (ef).", DefaultValueFactory = _ => defaults.Index.ExpansionSearch };

        var command = new Command("ann", "Measure the HNSW candidate index (Recall@10, queries/s, build time, online insert rate) against a same-run exact search baseline.")
        {
            vectors, dimensions, queries, inserts, clusters, seed, connectivity, expansionAdd, expansionSearch,
        };
        command.SetAction(async (parse, ct) =>
        {
            var index = new AnnIndexOptions
            {
                Connectivity = parse.GetValue(connectivity),
                ExpansionAdd = parse.GetValue(expansionAdd),
                ExpansionSearch = parse.GetValue(expansionSearch),
            };
            var problems = index.Validate();
            if (problems.Count > 0)
            {
                throw new UsageException(string.Join(" ", problems).Replace("AnnIndex.Connectivity", "--connectivity", StringComparison.Ordinal)
                    .Replace("AnnIndex.ExpansionAdd", "--expansion-add", StringComparison.Ordinal)
                    .Replace("AnnIndex.ExpansionSearch", "--expansion-search", StringComparison.Ordinal));
            }

            var settings = new AnnBenchmark.Settings
            {
                Vectors = AtLeast(parse.GetValue(vectors), AnnBenchmark.K, "--vectors"),
                Dimensions = AtLeast(parse.GetValue(dimensions), 2, "--dimensions"),
                Queries = AtLeast(parse.GetValue(queries), 1, "--queries"),
                Inserts = AtLeast(parse.GetValue(inserts), 1, "--inserts"),
                Clusters = AtLeast(parse.GetValue(clusters), 1, "--clusters"),
                Seed = parse.GetValue(seed),
                Index = index,
            };
            var result = await ProgressDisplay.RunAsync(console with { Out = console.Error }, p => Task.Run(() => AnnBenchmark.Run(settings, p, ct), ct)).ConfigureAwait(false);
            console.Out.WriteLine(result.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            return result["meets_target"]!.GetValue<bool>() ? ExitCodes.Ok : ExitCodes.Failed;
        });
        return command;
    }

    private static int AtLeast(int value, int minimum, string option) =>
        value >= minimum ? value : throw new UsageException($"{option} must be at least {minimum}, not {value}.");
}
