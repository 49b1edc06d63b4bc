using System.Text.Json.Nodes;

namespace Whisper.Cli.Tests;

public sealed class BenchTests
{
    [Fact]
    public async Task BenchIngest_Small_PrintsJsonWithRatesAndSameRunBaselines()
    {
        var run = await CliRun.RunAsync("bench", "ingest", "--events", "4000", "--batch", "1000", "--http-events", "2000", "--http-batch", "500", "--concurrency", "2");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        var json = JsonNode.Parse(run.Out)!;
        Assert.True(json["baseline_raw_sqlite_insert_events_per_s"]!.GetValue<double>() > 0);
        var sqlite = json["sqlite"]!;
        Assert.True(sqlite["in_process_events_per_s"]!.GetValue<double>() > 0);
        Assert.True(sqlite["http_events_per_s"]!.GetValue<double>() > 0);
        Assert.True(sqlite["in_process_vs_raw_sqlite"]!.GetValue<double>() > 0);
        Assert.Null(json["postgres"]);
    }

    [Fact]
    public async Task BenchIngest_ZeroBatch_ExitsTwo()
    {
        var run = await CliRun.RunAsync("bench", "ingest", "--batch", "0");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("--batch", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BenchWorld_TinyWorld_CountsEveryGeneratedEvent()
    {
        var run = await CliRun.RunAsync("bench", "world", "--users", "200", "--videos", "300", "--days", "2");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        var json = JsonNode.Parse(run.Out)!;
        Assert.Equal(200, json["users"]!.GetValue<int>());
        Assert.True(json["events"]!.GetValue<long>() > 0);
        Assert.True(json["baseline_raw_sqlite_insert_events_per_s"]!.GetValue<double>() > 0);
    }
}
