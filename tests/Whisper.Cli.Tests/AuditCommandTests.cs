using System.Text.Json.Nodes;

using Whisper.Security.Audit.Corpus;

namespace Whisper.Cli.Tests;

/// <summary><c>whisper audit</c> and <c>whisper bench audit</c> through the real command line.</summary>
public sealed class AuditCommandTests
{
    private const string OnlyWarning = "var mirror = \"cdn.tracker.ru\";\n";

    [Fact]
    public async Task Audit_SeededCorpus_WritesSarifAndExitsOne()
    {
        using var temp = new TempFolder();
        var corpus = AuditCorpus.Write(temp.File("corpus"));
        var allowlist = Allowlist(temp);

        var run = await CliRun.RunAsync("audit", corpus.Root, "--allowlist", allowlist);

        Assert.Equal(ExitCodes.Failed, run.ExitCode);
        var log = JsonNode.Parse(run.Out)!;
        Assert.Equal("2.1.0", log["version"]!.GetValue<string>());
        Assert.Equal(corpus.Planted.Count, log["runs"]![0]!["results"]!.AsArray().Count);
        Assert.Contains($"{corpus.Planted.Count} findings", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_TextFormat_PrintsOneCompilerStyleLinePerFinding()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("a.cs"), OnlyWarning);

        var run = await CliRun.RunAsync("audit", temp.File("a.cs"), "--allowlist", Allowlist(temp), "--format", "text");

        Assert.Equal(ExitCodes.Failed, run.ExitCode);
        var lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("a.cs:1:15: warning WSA0101: ", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("audit: 1 finding (0 error, 1 warning, 0 note)", lines[^1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("error", ExitCodes.Ok)]
    [InlineData("warning", ExitCodes.Failed)]
    [InlineData("note", ExitCodes.Failed)]
    public async Task Audit_FailOn_SetsTheThreshold(string level, int exitCode)
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("a.cs"), OnlyWarning);

        var run = await CliRun.RunAsync("audit", temp.File("a.cs"), "--allowlist", Allowlist(temp), "--fail-on", level, "--out", temp.File("out/report.sarif"));

        Assert.Equal(exitCode, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.NotNull(JsonNode.Parse(File.ReadAllText(temp.File("out/report.sarif"))));
    }

    [Fact]
    public async Task Audit_WriteBaselineThenBaseline_PassesUntilSomethingNewAppears()
    {
        using var temp = new TempFolder();
        var tree = temp.File("tree");
        Directory.CreateDirectory(tree);
        File.WriteAllText(Path.Combine(tree, "a.cs"), OnlyWarning);
        var allowlist = Allowlist(temp);

        var write = await CliRun.RunAsync("audit", tree, "--allowlist", allowlist, "--write-baseline", temp.File("baseline.json"));
        var accepted = await CliRun.RunAsync("audit", tree, "--allowlist", allowlist, "--baseline", temp.File("baseline.json"));
        File.AppendAllText(Path.Combine(tree, "a.cs"), "var key = \"AKIAZ7QRSTUVWX234567\";\n");
        var regressed = await CliRun.RunAsync("audit", tree, "--allowlist", allowlist, "--baseline", temp.File("baseline.json"), "--format", "text");

        Assert.Equal(ExitCodes.Ok, write.ExitCode);
        Assert.Equal(ExitCodes.Ok, accepted.ExitCode);
        Assert.Contains("\"suppressions\"", accepted.Out, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Failed, regressed.ExitCode);
        Assert.Contains("WSA0201", regressed.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("WSA0101", regressed.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("missing-allowlist")]
    [InlineData("missing-path")]
    [InlineData("bad-fail-on")]
    [InlineData("bad-format")]
    [InlineData("no-allowlist-option")]
    public async Task Audit_BadInput_ExitsTwoWithOneLine(string problem)
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("a.cs"), OnlyWarning);
        var allowlist = Allowlist(temp);
        string[] args = problem switch
        {
            "missing-allowlist" => ["audit", temp.File("a.cs"), "--allowlist", temp.File("nope.json")],
            "missing-path" => ["audit", temp.File("nowhere"), "--allowlist", allowlist],
            "bad-fail-on" => ["audit", temp.File("a.cs"), "--allowlist", allowlist, "--fail-on", "critical"],
            "bad-format" => ["audit", temp.File("a.cs"), "--allowlist", allowlist, "--format", "xml"],
            _ => ["audit", temp.File("a.cs")],
        };

        var run = await CliRun.RunAsync(args);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("", run.Out);
    }

    [Fact]
    public async Task Audit_Help_DocumentsEveryOption()
    {
        var run = await CliRun.RunAsync("audit", "--help");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        foreach (var option in new[] { "--allowlist", "--rules", "--baseline", "--write-baseline", "--fail-on", "--format", "--out", "--threads" })
        {
            Assert.Contains(option, run.Out, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task BenchAudit_SmallTree_PrintsThroughputBaselineAndCorpusScore()
    {
        var run = await CliRun.RunAsync("bench", "audit", "--mb", "2");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        var json = JsonNode.Parse(run.Out)!;
        Assert.True(json["scan_mb_per_s"]!.GetValue<double>() > 0);
        Assert.True(json["baseline_read_mb_per_s"]!.GetValue<double>() > 0);
        Assert.Equal(1.0, json["corpus"]!["recall"]!.GetValue<double>());
        Assert.Equal(0, json["corpus"]!["false_positives"]!.GetValue<int>());
    }

    private static string Allowlist(TempFolder temp)
    {
        var path = temp.File("us.json");
        File.WriteAllText(path, AuditCorpus.SampleAllowlist);
        return path;
    }
}
