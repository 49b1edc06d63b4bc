using System.CommandLine;
using System.Diagnostics;
using System.Globalization;

using Spectre.Console;

using Whisper.Cli.Console;
using Whisper.Evaluation;
using Whisper.Evaluation.Reports;
using Whisper.Evaluation.Splits;
using Whisper.Storage;
using Whisper.World.Generation;

namespace Whisper.Cli.Commands;

/// <summary>
/// <c>whisper eval</c>: offline evaluation of the Whisper engine against baselines on a store's log, or on a world
/// generated into a temporary SQLite store (<c>--world-*</c>). Prints a table; <c>--json</c> writes the report.
/// </summary>
public static class EvalCommand
{
    public static Command Create(CliConsole console)
    {
        var store = new StoreSelection();
        var split = new Option<string>("--split") { Description = "How to hold out test data: temporal (last --test-fraction of the time span) or leave-last-out (each user's last positive).", DefaultValueFactory = _ => "temporal" };
        var k = new Option<int>("--k") { Description = $"Cut-off of NDCG@k, Recall@k, coverage and creator Gini (1..{EvaluationOptions.ListLength}).", DefaultValueFactory = _ => 10 };
        var testFraction = new Option<double>("--test-fraction") { Description = "Temporal split: share of the time span held out (0..1).", DefaultValueFactory = _ => 0.2 };
        var maxUsers = new Option<int?>("--max-users") { Description = "Evaluate a seeded sample of at most this many test users (default: all)." };
        var json = new Option<string?>("--json") { Description = "Also write the report as JSON to this file (format: docs/evaluation.md)." };
        var baselinesOnly = new Option<bool>("--baselines-only") { Description = "Skip the Whisper engine (random, popularity, item-knn, bpr-mf only)." };
        var worldUsers = new Option<int?>("--world-users") { Description = "Generate a world with this many users into a temporary store and evaluate it." };
        var worldVideos = new Option<int?>("--world-videos") { Description = "Videos of the generated world." };
        var worldDays = new Option<int?>("--world-days") { Description = "Days of the generated world." };
        var seed = new Option<long>("--seed") { Description = "Seeds the generated world, the random baseline, BPR and user sampling.", DefaultValueFactory = _ => 42 };

        var command = new Command("eval", "Evaluate the Whisper engine and baselines offline: NDCG, recall, MRR, coverage and creator Gini.")
        {
            split, k, testFraction, maxUsers, json, baselinesOnly, worldUsers, worldVideos, worldDays, seed,
        };
        store.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var options = new EvaluationOptions
            {
                Split = ParseSplit(parse.GetValue(split)),
                K = parse.GetValue(k),
                TestFraction = parse.GetValue(testFraction),
                MaxTestUsers = parse.GetValue(maxUsers),
                Seed = parse.GetValue(seed),
            };
            var problems = options.Validate();
            if (problems.Count > 0)
            {
                throw new UsageException(string.Join(" ", problems).Replace("K is", "--k is", StringComparison.Ordinal)
                    .Replace("TestFraction is", "--test-fraction is", StringComparison.Ordinal).Replace("MaxTestUsers is", "--max-users is", StringComparison.Ordinal));
            }

            var world = ResolveWorld(parse, worldUsers, worldVideos, worldDays, seed);
            if (world is not null && (parse.GetResult(store.Store) is { Implicit: false } || parse.GetResult(store.Provider) is { Implicit: false }))
            {
                throw new UsageException("--world-* generates a temporary store; drop --store/--provider, or drop --world-* to evaluate a store.");
            }

            var jsonPath = parse.GetValue(json);
            var recommenders = parse.GetValue(baselinesOnly) ? DefaultRecommenders.Baselines(options) : DefaultRecommenders.All(options);
            var report = world is null
                ? await EvaluateStoreAsync(console, store.Resolve(parse), options, recommenders, ct).ConfigureAwait(false)
                : await EvaluateWorldAsync(console, world, options, recommenders, ct).ConfigureAwait(false);

            Print(console, report);
            if (jsonPath is not null)
            {
                var folder = Path.GetDirectoryName(Path.GetFullPath(jsonPath));
                if (folder is not null)
                {
                    Directory.CreateDirectory(folder);
                }

                await File.WriteAllTextAsync(jsonPath, report.ToJson(), ct).ConfigureAwait(false);
                console.Out.WriteLine($"report: {jsonPath}");
            }

            if (report.Split.TestUsers == 0)
            {
                console.Error.WriteLine("whisper: the split left no test users (too few positives, or none after the cutoff); metrics are all 0.");
                return ExitCodes.Failed;
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static SplitKind ParseSplit(string? value) => value?.ToLowerInvariant() switch
    {
        "temporal" => SplitKind.Temporal,
        "leave-last-out" => SplitKind.LeaveLastOut,
        _ => throw new UsageException($"--split is '{value}'; use temporal or leave-last-out."),
    };

    private static WorldOptions? ResolveWorld(ParseResult parse, Option<int?> users, Option<int?> videos, Option<int?> days, Option<long> seed)
    {
        var (u, v, d) = (parse.GetValue(users), parse.GetValue(videos), parse.GetValue(days));
        if (u is null && v is null && d is null)
        {
            return null;
        }

        var defaults = new WorldOptions();
        var options = defaults with { Users = u ?? defaults.Users, Videos = v ?? defaults.Videos, Days = d ?? defaults.Days, Seed = parse.GetValue(seed) };
        var problems = options.Validate();
        return problems.Count == 0
            ? options
            : throw new UsageException(string.Join(" ", problems).Replace("Users is", "--world-users is", StringComparison.Ordinal)
                .Replace("Videos is", "--world-videos is", StringComparison.Ordinal).Replace("Days is", "--world-days is", StringComparison.Ordinal));
    }

    private static async Task<EvaluationReport> EvaluateStoreAsync(CliConsole console, StoreOptions storeOptions, EvaluationOptions options, IReadOnlyList<IRecommender> recommenders, CancellationToken ct)
    {
        await using var opened = await WhisperStores.OpenAsync(storeOptions, ct).ConfigureAwait(false);
        if (await opened.Events.GetHeadAsync(ct).ConfigureAwait(false) == 0)
        {
            throw new UsageException("the store has no events; run 'whisper world generate' or 'whisper import movielens <file>' first, or pass --world-users N.");
        }

        // Never echo a PostgreSQL connection string: it may hold a password.
        var source = storeOptions.Provider == StoreProvider.Postgres ? $"postgres:{storeOptions.Schema}" : $"sqlite:{storeOptions.ConnectionString}";
        console.Out.WriteLine($"Evaluating {source} ({SplitName(options.Split)} split, k = {options.K})");
        return await ProgressDisplay.RunAsync(console, progress =>
            Evaluator.EvaluateStoreAsync(opened, source, options, recommenders, new ProgressAdapter(progress), ct)).ConfigureAwait(false);
    }

    private static async Task<EvaluationReport> EvaluateWorldAsync(CliConsole console, WorldOptions world, EvaluationOptions options, IReadOnlyList<IRecommender> recommenders, CancellationToken ct)
    {
        var folder = Directory.CreateTempSubdirectory("whisper-eval-").FullName;
        try
        {
            var generate = Stopwatch.StartNew();
            EvaluationReport report;
            await using (var opened = await WhisperStores.OpenAsync(new StoreOptions(StoreProvider.Sqlite, Path.Combine(folder, "world.db")), ct).ConfigureAwait(false))
            {
                await WorldGenerateCommand.WriteWorldAsync(console, world, opened, Path.Combine(folder, "world.wgt"), ct).ConfigureAwait(false);
                generate.Stop();
                console.Out.WriteLine($"Evaluating the world ({SplitName(options.Split)} split, k = {options.K})");
                report = await ProgressDisplay.RunAsync(console, progress =>
                    Evaluator.EvaluateStoreAsync(opened, "world", options, recommenders, new ProgressAdapter(progress), ct)).ConfigureAwait(false);
            }

            var parameters = new Dictionary<string, string>
            {
                ["users"] = world.Users.ToString(CultureInfo.InvariantCulture),
                ["videos"] = world.Videos.ToString(CultureInfo.InvariantCulture),
                ["days"] = world.Days.ToString(CultureInfo.InvariantCulture),
                ["seed"] = world.Seed.ToString(CultureInfo.InvariantCulture),
            };
            return report with
            {
                Dataset = report.Dataset with { Parameters = parameters },
                Timings = report.Timings with { GenerateSeconds = generate.Elapsed.TotalSeconds, TotalSeconds = report.Timings.TotalSeconds + generate.Elapsed.TotalSeconds },
            };
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // best effort: a temp folder left behind changes no result
            }
        }
    }

    private static void Print(CliConsole console, EvaluationReport report)
    {
        var k = report.K.ToString(CultureInfo.InvariantCulture);
        var table = new Table().AddColumn(new TableColumn("recommender").NoWrap());
        // Compact headers: the whole table fits 80 columns, the width Spectre assumes without a terminal.
        foreach (var name in new[] { $"ndcg@{k}", $"r@{k}", "r@50", "mrr", $"cov@{k}", $"gini@{k}", "time s" })
        {
            table.AddColumn(new TableColumn(name).RightAligned().NoWrap());
        }

        foreach (var r in report.Recommenders)
        {
            var m = r.Metrics;
            table.AddRow(Markup.Escape(r.Name), F(m.Ndcg), F(m.Recall), F(m.RecallAt50), F(m.Mrr), F(m.Coverage), F(m.CreatorGini), $"{S(r.FitSeconds)}/{S(r.RecommendSeconds)}");
        }

        console.Ansi.Write(table);
        console.Out.WriteLine($"r = recall, cov = catalog coverage, gini = creator-exposure Gini (of top-{k} slots), mrr over the top {report.ListLength}, time = fit/recommend seconds.");
        var d = report.Dataset;
        var s = report.Split;
        console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{d.Events:N0} events, {d.Users:N0} users, {d.Videos:N0} videos; {s.Kind} split: {s.TrainEvents:N0} training events, {s.TestUsers:N0} test users, {s.TestRelevantPairs:N0} held-out positives; load {report.Timings.LoadSeconds:F1} s, total {report.Timings.TotalSeconds:F1} s"));
    }

    private static string F(double value) => value.ToString("F4", CultureInfo.InvariantCulture);

    private static string S(double seconds) => seconds.ToString("F1", CultureInfo.InvariantCulture);

    private static string SplitName(SplitKind split) => split == SplitKind.Temporal ? "temporal" : "leave-last-out";

    private sealed class ProgressAdapter(IProgress<WorkProgress> inner) : IProgress<EvaluationProgress>
    {
        public void Report(EvaluationProgress value) => inner.Report(new WorkProgress(value.Stage, value.Done, value.Total));
    }
}
