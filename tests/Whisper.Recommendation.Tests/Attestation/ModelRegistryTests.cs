using System.Text.Json.Nodes;

using Whisper.Recommendation.Attestation;
using Whisper.Security.Transparency;

namespace Whisper.Recommendation.Tests.Attestation;

public sealed class ModelRegistryTests
{
    [Fact]
    public async Task Approve_Checkpoint_EntryVerifiesOfflineAgainstThePinnedKey()
    {
        await using var world = await ApprovedWorld.CreateAsync();

        var entry = ModelRegistry.Load(world.Registry).Models.Single();

        Assert.Equal(ModelArtifact.Sha256OfFile(world.Checkpoint), entry.Sha256);
        Assert.StartsWith("two-tower/", entry.Version, StringComparison.Ordinal);
        Assert.Equal($"{entry.Version}@{entry.Position}", entry.VersionId);
        Assert.Equal("model-review", entry.Approver);
        Assert.Null(ModelRegistryVerifier.Problem(entry, File.ReadAllBytes(Path.Combine(world.World.Folder.FullName, "tlog", "head-signing.spki"))));
        Assert.Equal(LogEntryKind.Model, world.Log.ReadEntry(entry.Log.Index).Kind);
        Assert.Equal(1, world.Approved().Count);
    }

    [Fact]
    public async Task Approve_SameFileTwice_LogsOnce()
    {
        await using var world = await ApprovedWorld.CreateAsync();

        var again = await ModelApproval.ApproveAsync(world.Log, world.Registry, world.Checkpoint, "someone-else");

        Assert.Equal(world.Approval.Sha256, again.Sha256);
        Assert.Equal(world.Approval.Log.Index, again.Log.Index);
        Assert.Equal("model-review", again.Approver);
        Assert.Equal(1, world.Log.Size);
        Assert.Single(ModelRegistry.Load(world.Registry).Models);
    }

    [Theory]
    [InlineData("sha256")]
    [InlineData("versionId")]
    [InlineData("approvedAt")]
    [InlineData("leafHash")]
    public async Task Verify_TamperedEntry_Fails(string field)
    {
        await using var world = await ApprovedWorld.CreateAsync();
        var json = JsonNode.Parse(File.ReadAllText(world.Registry))!;
        var model = json["models"]![0]!;
        var target = field == "leafHash" ? model["log"]! : model;
        target[field] = field switch
        {
            "sha256" => new string('0', 64),
            "versionId" => "two-tower/other@1",
            "approvedAt" => "2020-01-01T00:00:00+00:00",
            _ => Convert.ToBase64String(new byte[32]),
        };
        File.WriteAllText(world.Registry, json.ToJsonString());

        var error = Assert.Throws<ModelAttestationException>(() => world.Approved());
        Assert.Contains("does not verify", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_AnotherLogsKey_Fails()
    {
        await using var world = await ApprovedWorld.CreateAsync();
        using var other = TreeHeadSigner.CreateEphemeral();

        var problem = ModelRegistryVerifier.Problem(world.Approval, other.PublicKey);

        Assert.Contains("not signed by the pinned log key", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NotARegistry_SaysSo()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, """{"format":"something-else","formatVersion":1,"models":[]}""");
            Assert.Contains("is not a model registry", Assert.Throws<ModelAttestationException>(() => ModelRegistry.Load(path)).Message, StringComparison.Ordinal);
            File.WriteAllText(path, """{"format":"whisper-model-registry","formatVersion":2,"models":[]}""");
            Assert.Contains("this build reads version 1", Assert.Throws<ModelAttestationException>(() => ModelRegistry.Load(path)).Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Describe_NonCheckpointWithoutVersion_AsksForOne()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "ranker trees");
            Assert.Contains("give the version", Assert.Throws<ModelAttestationException>(() => ModelArtifact.Describe(path)).Message, StringComparison.Ordinal);
            var described = ModelArtifact.Describe(path, "ranker/lightgbm-1");
            Assert.Equal(ModelArtifact.FileKind, described.Kind);
            Assert.Equal("ranker/lightgbm-1", described.VersionId);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
