using Whisper.Parity.Regions;
using Whisper.Parity.Shadow;
using Whisper.Recommendation.Catalog;
using Whisper.Recommendation.Training;
using Whisper.Storage;
using Whisper.World.Generation;

namespace Whisper.Parity.Tests.Regions;

/// <summary>
/// One small generated world (seed 7) in a temporary SQLite store, shared by the engine-region tests: a source model
/// trained over the whole log, a stale checkpoint of the same lineage at a fifth of the log, and the replay of the
/// last third of the log's time span. Deleted on dispose.
/// </summary>
public sealed class EngineParityWorld : IAsyncLifetime
{
    private DirectoryInfo _folder = null!;

    public IWhisperStore Store { get; private set; } = null!;

    /// <summary>Checkpoints of a model trained over the whole log (the source's).</summary>
    public string SourceModel => Path.Combine(_folder.FullName, "source-model");

    /// <summary>One checkpoint of the same run at a fifth of the log (a fork that stopped updating).</summary>
    public string StaleModel => Path.Combine(_folder.FullName, "stale-model");

    public long Head { get; private set; }

    public long StalePosition { get; private set; }

    public ReplayPlan Plan { get; private set; } = null!;

    public EngineRegionSpec Spec(string name, string? model) => new(name, Store, model, null) { UseAnn = false };

    public async Task InitializeAsync()
    {
        _folder = Directory.CreateTempSubdirectory("whisper-parity-engine-");
        Store = await WhisperStores.OpenAsync(new StoreOptions(StoreProvider.Sqlite, Path.Combine(_folder.FullName, "world.db")));
        await WorldWriter.WriteAsync(new WorldOptions { Users = 1_000, Videos = 800, Days = 4, Seed = 7 }, Store, Path.Combine(_folder.FullName, "truth.wgt"));
        var catalog = await CatalogView.LoadAsync(Store.Catalog);
        Head = await Store.Events.GetHeadAsync();
        var run = Path.Combine(_folder.FullName, "run");
        using (var trainer = new OnlineTrainer(Store.Events, catalog, new OnlineTrainerOptions { CheckpointDirectory = run }))
        {
            while (trainer.Position < Head / 5)
            {
                await trainer.StepAsync();
            }

            StalePosition = trainer.Position;
            Keep(await trainer.CheckpointAsync(), StaleModel, StalePosition);
            await trainer.CatchUpAsync();
            Keep(await trainer.CheckpointAsync(), SourceModel, trainer.Position);
        }

        var events = await LogReplay.ReadAsync(Store.Events, catalog);
        long first = events.Min(e => e.TimeMs), last = events.Max(e => e.TimeMs);
        Plan = LogReplay.Build(events, new ReplayOptions
        {
            From = DateTimeOffset.FromUnixTimeMilliseconds(last - ((last - first) / 2)),
            To = DateTimeOffset.FromUnixTimeMilliseconds(last + 1),
            MaxRequests = 150,
        });
    }

    public async Task DisposeAsync()
    {
        await Store.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    private static void Keep(string checkpoint, string directory, long position)
    {
        Directory.CreateDirectory(directory);
        File.Copy(checkpoint, Path.Combine(directory, CheckpointTransfer.FileNameFor(position)));
    }
}
