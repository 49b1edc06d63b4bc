using System.Diagnostics;

namespace Whisper.Cli.Tests;

public sealed class CommandLineTests
{
    [Fact]
    public async Task RunAsync_Help_ListsEveryVerbAndExitsZero()
    {
        var run = await CliRun.RunAsync("--help");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        foreach (var verb in new[] { "demo", "world", "import", "serve", "keys", "bench" })
        {
            Assert.Contains(verb, run.Out, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task RunAsync_UnknownVerb_ExitsTwoWithOneLineNamingIt()
    {
        var run = await CliRun.RunAsync("frobnicate");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("frobnicate", line, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Out);
    }

    [Fact]
    public async Task RunAsync_NonNumericOption_ExitsTwo()
    {
        var run = await CliRun.RunAsync("world", "generate", "--users", "lots");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("lots", run.Error, StringComparison.Ordinal);
        Assert.Contains("whisper world generate --help", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--users", "0", "--users")]
    [InlineData("--us-share", "1.5", "--us-share")]
    [InlineData("--days", "-1", "--days")]
    public async Task WorldGenerate_OutOfRangeValue_ExitsTwoNamingTheFlag(string option, string value, string named)
    {
        using var temp = new TempFolder();

        var run = await CliRun.RunAsync("world", "generate", option, value, "--store", temp.File("w.db"), "--ground-truth", temp.File("gt.wgt"));

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains(named, run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(temp.File("w.db")), "a rejected command must not create a store");
    }

    [Fact]
    public async Task Postgres_WithoutConnectionString_ExitsTwo()
    {
        var run = await CliRun.RunAsync("world", "generate", "--users", "10", "--provider", "postgres");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("--store", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Process_BadArguments_ExitCodeTwoAndOneLineOnStderr()
    {
        // The real executable, not the in-process tree: exit codes are what scripts see.
        var dll = Path.Combine(AppContext.BaseDirectory, "whisper.dll");
        var start = new ProcessStartInfo("dotnet", [dll, "serve", "--urls"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        using var process = Process.Start(start)!;
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(ExitCodes.BadInput, process.ExitCode);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("whisper: ", stderr, StringComparison.Ordinal);
    }
}
