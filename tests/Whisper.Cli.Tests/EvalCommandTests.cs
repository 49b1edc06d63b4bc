using System.Text.Json;

using Whisper.Evaluation.Reports;

namespace Whisper.Cli.Tests;

public sealed class EvalCommandTests
{
    [Fact]
    public async Task Eval_BadSplit_ExitsTwoNamingTheChoices()
    {
        var run = await CliRun.RunAsync("eval", "--split", "random", "--world-users", "50");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("--split", run.Error, StringComparison.Ordinal);
        Assert.Contains("leave-last-out", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_KOutOfRange_ExitsTwo()
    {
        var run = await CliRun.RunAsync("eval", "--k", "0", "--world-users", "50");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("--k is 0", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_EmptyStore_ExitsTwo()
    {
        using var temp = new TempFolder();

        var run = await CliRun.RunAsync("eval", "--store", temp.File("empty.db"));

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("no events", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_TinyWorld_WritesValidJsonWithEveryRecommender()
    {
        using var temp = new TempFolder();
        var json = temp.File("report.json");

        var run = await CliRun.RunAsync("eval", "--world-users", "300", "--world-videos", "400", "--world-days", "10", "--split", "leave-last-out", "--json", json);

        Assert.True(run.ExitCode == ExitCodes.Ok, run.Out + run.Error);
        var report = EvaluationReport.FromJson(await File.ReadAllTextAsync(json));
        Assert.Equal(["random", "popularity", "item-knn", "bpr-mf", "whisper"], report.Recommenders.Select(r => r.Name));
        Assert.Equal("leave-last-out", report.Split.Kind);
        Assert.Equal("300", report.Dataset.Parameters["users"]);
        Assert.True(report.Split.TestUsers > 0);
        Assert.All(report.Recommenders, r => Assert.InRange(r.Metrics.Ndcg, 0, 1));
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        Assert.Equal(1, document.RootElement.GetProperty("formatVersion").GetInt32());
        Assert.Contains("bpr-mf", run.Out, StringComparison.Ordinal);
        Assert.Contains("held-out positives", run.Out, StringComparison.Ordinal);
    }
}
