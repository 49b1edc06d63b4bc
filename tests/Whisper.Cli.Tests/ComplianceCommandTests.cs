using System.Text.Json;

using Whisper.Security.Compliance.Catalog;

namespace Whisper.Cli.Tests;

public sealed class ComplianceCommandTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Compliance_ShippedCatalogOnTheRepository_ExitsZeroAndReportsEveryControl()
    {
        var json = _temp.File("out/compliance.json");
        var markdown = _temp.File("out/compliance.md");

        var run = await CliRun.RunAsync("compliance", "--root", RepositoryRoot(), "--json", json, "--markdown", markdown);

        Assert.True(run.ExitCode == ExitCodes.Ok, run.Out + run.Error);
        Assert.DoesNotContain("drift:", run.Out, StringComparison.Ordinal);
        var ids = ComplianceCatalog.Default.Controls.Select(c => c.Id).ToList();
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        Assert.Equal(ids, report.RootElement.GetProperty("controls").EnumerateArray().Select(c => c.GetProperty("id").GetString()));
        Assert.False(report.RootElement.GetProperty("summary").GetProperty("drift").GetBoolean());
        var text = await File.ReadAllTextAsync(markdown);
        foreach (var control in ComplianceCatalog.Default.Controls)
        {
            Assert.Contains($"\n{control.Id} ", run.Out, StringComparison.Ordinal);
            Assert.Contains($"\n| {control.Id} | ", text, StringComparison.Ordinal);
            Assert.Contains($"\n## {control.Id} {control.Title}\n", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Compliance_ProbeFails_ExitsOneNamingTheDriftAndTheControlIsPartial()
    {
        var root = Root("""{ "region": "us", "dns": [], "cidrs": ["203.0.113.0/24"] }""");
        var catalog = Catalog("""
            { "kind": "file", "path": "allowlists/us.json" },
            { "kind": "probe", "probe": "egress-denies", "parameters": { "allowlist": "allowlists/us.json", "deny": ["203.0.113.7:443"] } }
            """);

        var run = await CliRun.RunAsync("compliance", "--root", root, "--catalog", catalog);

        Assert.Equal(ExitCodes.Failed, run.ExitCode);
        Assert.Contains("SC-7     partial      1/2", run.Out, StringComparison.Ordinal);
        Assert.Contains("drift: SC-7 probe egress-denies: fail: allowlists/us.json: 203.0.113.7:443 is allowed (address-allowed", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compliance_ProbesWithoutTheirInput_NotRunPartialAndExitZero()
    {
        var root = Root("""{ "region": "us", "dns": [], "cidrs": ["10.0.0.0/8"] }""");
        var catalog = Catalog("""
            { "kind": "file", "path": "allowlists/us.json" },
            { "kind": "probe", "probe": "tlog-verifies" },
            { "kind": "probe", "probe": "owner-only-files" }
            """);

        var run = await CliRun.RunAsync("compliance", "--root", root, "--catalog", catalog);

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Contains("SC-7     partial      1/3", run.Out, StringComparison.Ordinal);
        Assert.Contains("evidence: 1 pass, 0 fail, 0 missing, 2 not-run.", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compliance_KeysInputTooOpen_ExitsOne_AndOwnerOnly_ExitsZero()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Unix file modes only.
        }

        var root = Root("""{ "region": "us", "dns": [], "cidrs": ["10.0.0.0/8"] }""");
        var catalog = Catalog("""{ "kind": "probe", "probe": "owner-only-files" }""");
        var keys = _temp.File("keys.json");
        await File.WriteAllTextAsync(keys, "{}");
        File.SetUnixFileMode(keys, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);

        var open = await CliRun.RunAsync("compliance", "--root", root, "--catalog", catalog, "--keys", keys);
        File.SetUnixFileMode(keys, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var tight = await CliRun.RunAsync("compliance", "--root", root, "--catalog", catalog, "--keys", keys);

        Assert.Equal(ExitCodes.Failed, open.ExitCode);
        Assert.Contains("keys.json is mode 0640", open.Out, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Ok, tight.ExitCode);
        Assert.Contains("SC-7     implemented  1/1", tight.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compliance_BadCatalog_ExitsTwoWithOneLineNamingFileAndLine()
    {
        var root = Root("""{ "region": "us", "dns": [], "cidrs": ["10.0.0.0/8"] }""");
        var catalog = Catalog("""{ "kind": "screenshot", "path": "x.png" }""");

        var run = await CliRun.RunAsync("compliance", "--root", root, "--catalog", catalog);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Equal("", run.Out);
        var line = Assert.Single(run.Error.TrimEnd().Split('\n'));
        Assert.StartsWith($"whisper: {catalog}:5: controls[0].evidence[0].kind: \"screenshot\" is not a kind", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--root", "no such folder")]
    [InlineData("--tlog", "no such folder")]
    [InlineData("--tlog-head", "no such file")]
    [InlineData("--keys", "no such file or folder")]
    [InlineData("--catalog", "the catalog cannot be read")]
    public async Task Compliance_MissingPath_ExitsTwoNamingTheOption(string option, string message)
    {
        var missing = _temp.File("absent");

        string[] args = option == "--root" ? ["compliance", "--root", missing] : ["compliance", "--root", _temp.Path, option, missing];

        var run = await CliRun.RunAsync(args);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.Contains(missing, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compliance_Help_DocumentsEveryOption()
    {
        var run = await CliRun.RunAsync("compliance", "--help");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        foreach (var option in new[] { "--root", "--catalog", "--json", "--markdown", "--tlog", "--tlog-head", "--keys" })
        {
            Assert.Contains(option, run.Out, StringComparison.Ordinal);
        }
    }

    /// <summary>A root folder holding <c>allowlists/us.json</c>.</summary>
    private string Root(string allowlist)
    {
        var root = _temp.File("root");
        Directory.CreateDirectory(Path.Combine(root, "allowlists"));
        File.WriteAllText(Path.Combine(root, "allowlists", "us.json"), allowlist);
        return root;
    }

    /// <summary>A catalog file of one control, SC-7, with the given evidence (its first item on line 5).</summary>
    private string Catalog(string evidence)
    {
        var path = _temp.File("catalog.json");
        File.WriteAllText(path, $$"""
            { "format": "whisper-compliance-catalog", "version": 1, "name": "test",
              "controls": [
                { "id": "SC-7", "title": "Boundary Protection", "implementation": "The egress guard.",
                  "evidence": [
            {{evidence}}
                  ] }
              ] }
            """);
        return path;
    }

    /// <summary>The folder holding Whisper.slnx, found by walking up from the test binaries (or, for out-of-tree artifacts, this source file).</summary>
    private static string RepositoryRoot([System.Runtime.CompilerServices.CallerFilePath] string here = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(here)! })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Whisper.slnx")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("Whisper.slnx not found above the tests");
    }
}
