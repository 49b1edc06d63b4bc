using System.CommandLine;
using System.Globalization;

using Spectre.Console;

using Whisper.Cli.Console;
using Whisper.Evaluation.Data;
using Whisper.Evaluation.Lab;
using Whisper.World.Generation;

namespace Whisper.Cli.Commands;

/// <summary>
/// <c>whisper lab fork-degradation</c>: generates one synthetic world in memory, builds a source region and a fork, injects
/// each known cause alone and together, applies the fixes, and prints the NDCG@10 / Recall@50 loss table (and JSON with
/// <c>--json</c>). docs/fork-degradation-lab.md.
/// </summary>
public static class LabForkDegradationCommand
{
    public static Command Create(CliConsole console)
    {
        var users = new Option<int>("--users") { Description = "Users of the generated world.", DefaultValueFactory = _ => 5_000 };
        var videos = new Option<int>("--videos") { Description = "Videos of the generated world.", DefaultValueFactory = _ => 10_000 };
        var days = new Option<int>("--days") { Description = "Days of the generated world.", DefaultValueFactory = _ => 14 };
        var seed = new Option<long>("--seed") { Description = "Seed of the world and the training.", DefaultValueFactory = _ => 42 };
        var staleDays = new Option<double>("--stale-days") { Description = "Cause b: how many days the fork's snapshot is behind.", DefaultValueFactory = _ => 3 };
        var budget = new Option<int>("--fork-budget") { Description = "Cause d: candidates the fork retrieves before ranking.", DefaultValueFactory = _ => 100 };
        var epochs = new Option<int>("--epochs") { Description = "Training epochs per snapshot.", DefaultValueFactory = _ => 2 };
        var json = new Option<string?>("--json") { Description = "Also write the result as JSON to this file." };
        var command = new Command("fork-degradation", "Measure a fork's NDCG@10 / Recall@50 loss per cause (TTL mismatch, stale embeddings, missing sessions, smaller budget) and after the fixes.")
        {
            users, videos, days, seed, staleDays, budget, epochs, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var world = new WorldOptions { Users = parse.GetValue(users), Videos = parse.GetValue(videos), Days = parse.GetValue(days), Seed = parse.GetValue(seed) };
            var problems = world.Validate();
            if (problems.Count > 0)
            {
                throw new UsageException(string.Join(" ", problems));
            }

            var options = new ForkLabOptions
            {
                StaleBy = TimeSpan.FromDays(parse.GetValue(staleDays) is var s && s > 0 && s < world.Days ? s : throw new UsageException("--stale-days must be > 0 and below --days.")),
                ForkBudget = parse.GetValue(budget) is var b and >= 1 ? b : throw new UsageException("--fork-budget must be at least 1."),
                Epochs = parse.GetValue(epochs) is var e and >= 1 and <= 50 ? e : throw new UsageException("--epochs must be 1..50."),
                Seed = world.Seed,
            };
            console.Error.WriteLine($"Generating world: {world.Users:N0} users, {world.Videos:N0} videos, {world.Days} days, seed {world.Seed}");
            var dataset = WorldDatasets.Build(world);
            console.Error.WriteLine($"Running the lab on {dataset.Events.Length:N0} events");
            var report = await ForkDegradationLab.RunAsync(dataset, options, ct).ConfigureAwait(false);
            WriteTable(console, report);
            if (parse.GetValue(json) is { } path)
            {
                await File.WriteAllTextAsync(path, report.ToJsonString(), ct).ConfigureAwait(false);
                console.Out.WriteLine($"report: {path}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static void WriteTable(CliConsole console, ForkLabReport report)
    {
        var table = new Table()
            .AddColumn(new TableColumn("scenario").NoWrap())
            .AddColumn(new TableColumn("NDCG@10").RightAligned())
            .AddColumn(new TableColumn("loss %").RightAligned())
            .AddColumn(new TableColumn("Recall@50").RightAligned())
            .AddColumn(new TableColumn("loss %").RightAligned())
            .AddColumn(new TableColumn("causes"));
        foreach (var s in report.Scenarios)
        {
            table.AddRow(
                s.Name,
                s.Ndcg10.ToString("F4", CultureInfo.InvariantCulture),
                s.NdcgLossPercent.ToString("F1", CultureInfo.InvariantCulture),
                s.Recall50.ToString("F4", CultureInfo.InvariantCulture),
                s.Recall50LossPercent.ToString("F1", CultureInfo.InvariantCulture),
                Markup.Escape(s.Causes));
        }

        console.Ansi.Write(table);
        console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{report.TestUsers} test users, {report.TestRelevantPairs} held-out pairs, {report.InFlightUsers} in-flight users ({report.SessionsTransferred} sessions transferred); contract blocking before fix: {Whisper.FeatureStore.Contract.FeatureContractDiff.HasBlocking(report.ContractDiffBefore)}, after: {Whisper.FeatureStore.Contract.FeatureContractDiff.HasBlocking(report.ContractDiffAfter)}; {report.Seconds:F1} s."));
    }
}
