using Whisper.Fork.Purge;
using Whisper.Recommendation.Catalog;
using Whisper.Recommendation.Training;

namespace Whisper.Fork.Tests.Purge;

public sealed class CheckpointPurgeTests
{
    [Fact]
    public async Task PurgeAsync_Checkpoints_RewrittenWithoutResidentsAndCountedInTheCertificate()
    {
        await using var f = await PurgeFixture.CreateAsync();
        var checkpoints = Path.Combine(f.Fork.Folder, "model");
        var catalog = await CatalogView.LoadAsync(f.Fork.Source.Catalog);
        using (await OnlineTrainer.TrainFromScratchAsync(f.Fork.Source.Events, catalog, new OnlineTrainerOptions { CheckpointDirectory = checkpoints }))
        {
        }

        var scope = PurgeScope.From(await f.Fork.ScopeAsync(), f.Fork.PolicySha256);
        var checkpoint = Directory.EnumerateFiles(checkpoints, "ckpt-*.wck").Order(StringComparer.Ordinal).Last();
        var before = CheckpointTransfer.FindUsers(checkpoint, scope.IncludesUser);
        var others = CheckpointTransfer.FindUsers(checkpoint, id => !scope.IncludesUser(id));
        Assert.NotEmpty(before.UserIds);
        Assert.False((await new PurgeVerifier(scope) { CheckpointDirectories = [checkpoints] }.VerifyAsync()).Clean);

        var (certificate, _) = await OriginPurger.PurgeAsync(f.Options() with { CheckpointDirectories = [checkpoints] });

        var counted = certificate.Checkpoints.Single(c => c.File == Path.GetFullPath(checkpoint));
        Assert.Equal((before.Position, (long)before.UserEntries, (long)before.HistoryEntries), (counted.Position, counted.UserEntries, counted.HistoryEntries));
        Assert.Empty(CheckpointTransfer.FindUsers(checkpoint, scope.IncludesUser).UserIds);
        Assert.Equal(others.UserIds, CheckpointTransfer.FindUsers(checkpoint, id => !scope.IncludesUser(id)).UserIds);
        Assert.Equal(before.Position, CheckpointTransfer.PositionOf(checkpoint));
        Assert.True((await new PurgeVerifier(scope) { CheckpointDirectories = [checkpoints] }.VerifyAsync()).Clean);
    }
}
