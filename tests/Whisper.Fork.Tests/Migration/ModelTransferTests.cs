using Whisper.Fork.Export;
using Whisper.Fork.Import;
using Whisper.Fork.Manifest;
using Whisper.Recommendation.Catalog;
using Whisper.Recommendation.Training;

namespace Whisper.Fork.Tests.Migration;

public sealed class ModelTransferTests
{
    [Fact]
    public async Task PartialDivestiture_CarriesAResidentOnlyCheckpoint_ThatResumesOnTheForksLog()
    {
        await using var f = await ForkFixture.CreateAsync(new() { Users = 300, Videos = 300, Days = 2, Seed = 9 });
        var checkpoints = Path.Combine(f.Folder, "model");
        var catalog = await CatalogView.LoadAsync(f.Source.Catalog);
        using (await OnlineTrainer.TrainFromScratchAsync(f.Source.Events, catalog, new OnlineTrainerOptions { CheckpointDirectory = checkpoints }))
        {
        }

        var scope = await f.ScopeAsync();
        var manifest = await new ForkExporter(f.Source, f.Keys, scope).ExportAsync(f.ExportOptions() with { ModelCheckpointDirectory = checkpoints });
        var model = Assert.Single(manifest.Models);
        var restored = Path.Combine(f.Folder, "fork-model");
        var result = await new ForkImporter(f.Target, f.Keys) { ModelDirectory = restored }.ImportAsync(f.Repository);

        // The checkpoint covered the whole source log, so on the fork it covers every imported event.
        Assert.Equal(Path.Combine(restored, model.Name), Assert.Single(result.ModelFiles));
        var forkHead = await f.Target.Events.GetHeadAsync();
        Assert.Equal(forkHead, CheckpointTransfer.PositionOf(result.ModelFiles[0]));
        using var resumed = await OnlineTrainer.ResumeAsync(f.Target.Events, await CatalogView.LoadAsync(f.Target.Catalog), new OnlineTrainerOptions { CheckpointDirectory = restored });
        Assert.Equal(forkHead, resumed.Position);
    }

    [Fact]
    public async Task FullFork_CarriesNoModel_AndImportRetrainsFromScratch()
    {
        await using var f = await ForkFixture.CreateAsync(new() { Users = 300, Videos = 300, Days = 2, Seed = 9 });
        var scope = await f.ScopeAsync();
        var manifest = await new ForkExporter(f.Source, f.Keys, scope).ExportAsync(f.ExportOptions() with { Mode = ForkMode.FullFork });
        var models = Path.Combine(f.Folder, "fork-model");
        var result = await new ForkImporter(f.Target, f.Keys) { ModelDirectory = models }.ImportAsync(f.Repository);

        Assert.Empty(manifest.Models);
        Assert.DoesNotContain(manifest.Chunks, c => c.Table == Whisper.Fork.Records.ForkTable.Model);
        Assert.Equal(await f.Target.Events.GetHeadAsync(), result.RetrainedAtPosition);
        Assert.Single(Directory.GetFiles(models, "ckpt-*.wck"));
    }
}
