using System.Text.Json.Nodes;

namespace Whisper.Cli.Tests;

public sealed class ModelCommandTests
{
    [Fact]
    public async Task ApproveListVerify_ModelFile_VerifiesAndATamperedEntryFails()
    {
        using var temp = new TempFolder();
        var log = temp.File("tlog");
        await File.WriteAllTextAsync(temp.File("ranker.bin"), "trees");

        var approve = await CliRun.RunAsync("model", "approve", "--checkpoint", temp.File("ranker.bin"), "--version", "ranker/test-1", "--approver", "review-board", "--log", log);
        var list = await CliRun.RunAsync("model", "list", "--log", log);
        var verify = await CliRun.RunAsync("model", "verify", "--log", log, "--checkpoint", temp.File("ranker.bin"));

        Assert.True(approve.ExitCode == ExitCodes.Ok, approve.Error);
        Assert.Contains("approved ranker/test-1", approve.Out, StringComparison.Ordinal);
        Assert.Contains("review-board", list.Out, StringComparison.Ordinal);
        Assert.True(verify.ExitCode == ExitCodes.Ok, verify.Out + verify.Error);
        Assert.Contains("is approved", verify.Out, StringComparison.Ordinal);

        await File.WriteAllTextAsync(temp.File("ranker.bin"), "trees!");
        var changed = await CliRun.RunAsync("model", "verify", "--log", log, "--checkpoint", temp.File("ranker.bin"));
        Assert.Equal(ExitCodes.Failed, changed.ExitCode);
        Assert.Contains("is not an approved model", changed.Out, StringComparison.Ordinal);

        var registry = Path.Combine(log, "model-registry.json");
        var json = JsonNode.Parse(await File.ReadAllTextAsync(registry))!;
        json["models"]![0]!["versionId"] = "ranker/test-2";
        await File.WriteAllTextAsync(registry, json.ToJsonString());
        var tampered = await CliRun.RunAsync("model", "verify", "--log", log);
        Assert.Equal(ExitCodes.Failed, tampered.ExitCode);
        Assert.Contains("FAIL", tampered.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approve_BadInputs_ExitTwoWithOneLine()
    {
        using var temp = new TempFolder();
        await File.WriteAllTextAsync(temp.File("model.bin"), "weights");

        var missing = await CliRun.RunAsync("model", "approve", "--checkpoint", temp.File("nope.wck"), "--approver", "a", "--log", temp.File("tlog"));
        var noVersion = await CliRun.RunAsync("model", "approve", "--checkpoint", temp.File("model.bin"), "--approver", "a", "--log", temp.File("tlog"));
        var noRegistry = await CliRun.RunAsync("model", "verify", "--log", temp.File("elsewhere"), "--public-key", temp.File("model.bin"));

        Assert.Equal(ExitCodes.BadInput, missing.ExitCode);
        Assert.Contains("no model file at", missing.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.BadInput, noVersion.ExitCode);
        Assert.Contains("give the version", noVersion.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.BadInput, noRegistry.ExitCode);
        Assert.Contains("no model registry at", noRegistry.Error, StringComparison.Ordinal);
    }
}
