using System.Text.Json.Nodes;

using Whisper.Security.Detection;

namespace Whisper.Cli.Tests;

public sealed class DetectCommandTests
{
    [Fact]
    public async Task Lab_PrintsRecallAndFalsePositiveRate()
    {
        var run = await CliRun.RunAsync("detect", "lab", "--seed", "7");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        var json = JsonNode.Parse(run.Out)!;
        Assert.Equal(40, json["attacks"]!.GetValue<int>());
        Assert.Equal(1.0, json["recall"]!.GetValue<double>());
        Assert.True(json["false_positive_rate_per_identity_hour"]!.GetValue<double>() < 0.005);
    }

    [Fact]
    public async Task Scan_ALogWithADeniedEgress_ExitsOneAndNamesIt()
    {
        using var temp = new TempFolder();
        var at = new DateTimeOffset(2026, 9, 7, 12, 0, 0, TimeSpan.Zero);
        await File.WriteAllLinesAsync(temp.File("log.jsonl"),
        [
            SecurityEventLog.ToJsonLine(new SecurityEvent(at, SecurityEventKind.Access, "svc", "10.0.0.1", "US", "GET /v1/feed", 10)),
            SecurityEventLog.ToJsonLine(new SecurityEvent(at.AddMinutes(1), SecurityEventKind.Egress, "svc", Destination: "collector.example.cn", Allowed: false)),
        ]);

        var run = await CliRun.RunAsync("detect", "scan", temp.File("log.jsonl"));

        Assert.Equal(ExitCodes.Failed, run.ExitCode);
        Assert.Contains("DeniedEgress svc", run.Out, StringComparison.Ordinal);
        Assert.Contains("collector.example.cn", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_BadLine_ExitsTwoNamingTheLine()
    {
        using var temp = new TempFolder();
        await File.WriteAllLinesAsync(temp.File("log.jsonl"), ["{\"time\":\"2026-09-07T12:00:00Z\",\"kind\":\"access\",\"identity\":\"a\"}", "{not json"]);

        var run = await CliRun.RunAsync("detect", "scan", temp.File("log.jsonl"));

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("line 2", run.Error, StringComparison.Ordinal);
    }
}
