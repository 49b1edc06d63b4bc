using Whisper.Recommendation.Attestation;
using Whisper.Recommendation.Engine;
using Whisper.Recommendation.Feed;
using Whisper.Recommendation.ResponseLog;
using Whisper.Recommendation.Tests.Feed;

namespace Whisper.Recommendation.Tests.Attestation;

public sealed class AttestedEngineTests
{
    [Fact]
    public async Task CreateAsync_ApprovedCheckpoint_ServesAndLogsTheApprovedHash()
    {
        await using var world = await ApprovedWorld.CreateAsync();
        var responses = Path.Combine(world.World.Folder.FullName, "responses.jsonl");
        var time = new ManualTime(ApprovedWorld.ServeFrom);

        await using (var engine = await RecommendationEngine.CreateAsync(world.World.Store, world.Options(time, responseLog: responses)))
        {
            Assert.Equal(world.Approval.Sha256, engine.AttestedModel!.Sha256);
            var page = (await engine.Feed.GetFeedAsync(1, 10, null)).Page!;
            Assert.Equal(world.Approval.Version, page.ModelVersion);
            Assert.Equal("model-score", page.RankerVersion);
        }

        var logged = Assert.Single(ResponseLogReader.ReadAll(responses));
        Assert.Equal(world.Approval.Sha256, logged.ModelSha256);
        Assert.Equal(world.Approval.Version, logged.ModelVersion);
        Assert.Equal(10, logged.Items.Count);
        Assert.Equal(ApprovedWorld.ServeFrom, logged.At);
        Assert.Single(Directory.GetFiles(world.World.Checkpoints, "ckpt-*.wck")); // serving wrote no unapproved checkpoint
    }

    [Fact]
    public async Task CreateAsync_UnloggedCheckpoint_IsRefused()
    {
        await using var world = await ApprovedWorld.CreateAsync();
        var nothingApproved = ApprovedModels.Verify(ModelRegistry.Empty, world.Log.PublicKey);

        var error = await Assert.ThrowsAsync<ModelAttestationException>(() =>
            RecommendationEngine.CreateAsync(world.World.Store, world.Options(new ManualTime(ApprovedWorld.ServeFrom), nothingApproved)));

        Assert.Contains("is not approved", error.Message, StringComparison.Ordinal);
        Assert.Contains(world.Approval.Sha256, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_OneByteFlippedAfterApproval_IsRefused()
    {
        await using var world = await ApprovedWorld.CreateAsync();
        var approved = world.Approved();
        var bytes = await File.ReadAllBytesAsync(world.Checkpoint);
        bytes[bytes.Length / 2] ^= 0x01;
        await File.WriteAllBytesAsync(world.Checkpoint, bytes);

        var error = await Assert.ThrowsAsync<ModelAttestationException>(() =>
            RecommendationEngine.CreateAsync(world.World.Store, world.Options(new ManualTime(ApprovedWorld.ServeFrom), approved)));

        Assert.Contains("its bytes changed since", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_NewerUnapprovedCheckpoint_IsRefused()
    {
        await using var world = await ApprovedWorld.CreateAsync();
        var newer = Path.Combine(world.World.Checkpoints, "ckpt-00000000000099999999.wck");
        File.Copy(world.Checkpoint, newer);
        await using (var stream = new FileStream(newer, FileMode.Append))
        {
            stream.WriteByte(0);
        }

        var error = await Assert.ThrowsAsync<ModelAttestationException>(() =>
            RecommendationEngine.CreateAsync(world.World.Store, world.Options(new ManualTime(ApprovedWorld.ServeFrom))));
        Assert.Contains("ckpt-00000000000099999999.wck", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_NoCheckpoint_IsRefusedAndAttestationNeedsADirectory()
    {
        await using var world = await ApprovedWorld.CreateAsync();
        File.Delete(world.Checkpoint);

        var error = await Assert.ThrowsAsync<ModelAttestationException>(() =>
            RecommendationEngine.CreateAsync(world.World.Store, world.Options(new ManualTime(ApprovedWorld.ServeFrom))));
        Assert.Contains("no checkpoint in", error.Message, StringComparison.Ordinal);

        var options = world.Options(new ManualTime(ApprovedWorld.ServeFrom)) with { Trainer = new() };
        Assert.Contains(options.Validate(), p => p.Contains("ModelAttestation needs Trainer.CheckpointDirectory", StringComparison.Ordinal));
    }
}
