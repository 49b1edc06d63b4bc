using System.Text.Json;

namespace Whisper.Cli.Tests;

public sealed class LabCommandTests
{
    [Fact]
    public async Task A_bad_option_exits_2()
    {
        var run = await CliRun.RunAsync("lab", "fork-degradation", "--fork-budget", "0");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--fork-budget", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tiny_run_writes_json_with_every_cause()
    {
        var path = Path.Combine(Path.GetTempPath(), $"whisper-lab-{Guid.NewGuid():N}.json");
        try
        {
            var run = await CliRun.RunAsync("lab", "fork-degradation", "--users", "300", "--videos", "400", "--days", "8", "--epochs", "1", "--json", path);
            Assert.Equal(0, run.ExitCode);
            using var document = JsonDocument.Parse(await File.ReadAllTextAsync(path));
            var names = document.RootElement.GetProperty("scenarios").EnumerateArray().Select(s => s.GetProperty("name").GetString()).ToList();
            Assert.Equal(["source", "fork-identical", "ttl-mismatch", "stale-embeddings", "missing-session", "smaller-budget", "all-causes", "fixed"], names);
            Assert.True(document.RootElement.GetProperty("contractBlockingBefore").GetBoolean());
            Assert.False(document.RootElement.GetProperty("contractBlockingAfter").GetBoolean());
        }
        finally
        {
            File.Delete(path);
        }
    }
}
