using Whisper.Storage;
using Whisper.World.Generation;

namespace Whisper.Recommendation.Tests.Engine;

/// <summary>A small generated world in a temporary SQLite store, deleted on dispose.</summary>
public sealed class EngineWorld : IAsyncDisposable
{
    private EngineWorld(DirectoryInfo folder, IWhisperStore store)
    {
        Folder = folder;
        Store = store;
    }

    public DirectoryInfo Folder { get; }

    public IWhisperStore Store { get; }

    public string Checkpoints => Path.Combine(Folder.FullName, "model");

    public static async Task<EngineWorld> CreateAsync()
    {
        var folder = Directory.CreateTempSubdirectory("whisper-engine-");
        var store = await WhisperStores.OpenAsync(new StoreOptions(StoreProvider.Sqlite, Path.Combine(folder.FullName, "engine.db")));
        await WorldWriter.WriteAsync(new WorldOptions { Users = 300, Videos = 500, Days = 2, Seed = 11 }, store, Path.Combine(folder.FullName, "truth.wgt"));
        return new EngineWorld(folder, store);
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        Folder.Delete(recursive: true);
    }
}
