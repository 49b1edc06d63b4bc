using System.Text.Json.Nodes;

namespace Whisper.Cli.Tests;

public sealed class FeedBenchTests
{
    private static readonly string[] TinyWorld = ["--users", "200", "--videos", "300", "--days", "2", "--seed", "5"];

    [Fact]
    public async Task BenchFeed_TinyWorld_PrintsInProcessAndHttpFiguresWithTheModelScoreBaseline()
    {
        using var temp = new TempFolder();

        var run = await CliRun.RunAsync(["bench", "feed", .. TinyWorld, "--requests", "40", "--warmup", "5", "--concurrency", "2", "--data-dir", temp.Path]);

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        var json = JsonNode.Parse(run.Out)!;
        Assert.Equal("feed", json["benchmark"]!.GetValue<string>());
        Assert.Equal(200, json["world"]!["users"]!.GetValue<int>());
        var baseline = json["in_process"]!["model_score"]!["one_caller"]!;
        Assert.Equal(40, baseline["requests"]!.GetValue<int>());
        Assert.True(baseline["feeds_per_s"]!.GetValue<double>() > 0);
        Assert.True(json["http"]!["model_score"]!["p99_ms"]!.GetValue<double>() > 0);
        Assert.NotNull(json["targets"]!["met"]);
        Assert.NotNull(json["breakdown_us_per_request"]!["ann"]);
    }

    [Fact]
    public async Task BenchFreshness_TinyWorld_PrintsNudgedAndPollOnlyModes()
    {
        using var temp = new TempFolder();

        var run = await CliRun.RunAsync(["bench", "freshness", .. TinyWorld, "--trials", "2", "--poll-ms", "100", "--timeout-ms", "3000", "--data-dir", temp.Path]);

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        var json = JsonNode.Parse(run.Out)!;
        Assert.Equal("freshness", json["benchmark"]!.GetValue<string>());
        foreach (var mode in new[] { "nudged", "baseline_poll_only" })
        {
            var m = json["modes"]![mode]!;
            Assert.Equal(2, m["trials"]!.GetValue<int>());
            Assert.Equal(2, m["served"]!.GetValue<int>() + m["missed_within_timeout"]!.GetValue<int>());
        }

        Assert.Equal(100, json["trainer_poll_ms"]!.GetValue<double>());
    }

    [Theory]
    [InlineData("feed", "--concurrency", "0")]
    [InlineData("feed", "--requests", "-1")]
    [InlineData("feed", "--users", "0")]
    [InlineData("freshness", "--trials", "0")]
    [InlineData("freshness", "--poll-ms", "0")]
    public async Task Bench_BadOption_ExitsTwoNamingIt(string verb, string option, string value)
    {
        var run = await CliRun.RunAsync("bench", verb, option, value);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains(option, run.Error, StringComparison.Ordinal);
    }
}
