using Whisper.Storage;

namespace Whisper.Evaluation.Tests.Fixtures;

/// <summary>A temp directory with a real SQLite store in it; deleted on dispose.</summary>
internal sealed class TempStore : IAsyncDisposable
{
    private TempStore(string directory, IWhisperStore store)
    {
        Directory = directory;
        Store = store;
    }

    public string Directory { get; }

    public IWhisperStore Store { get; }

    public static async Task<TempStore> CreateAsync()
    {
        var dir = System.IO.Directory.CreateTempSubdirectory("whisper-eval-tests-").FullName;
        var store = await WhisperStores.OpenAsync(new StoreOptions(StoreProvider.Sqlite, Path.Combine(dir, "store.db")));
        return new TempStore(dir, store);
    }

    public string PathOf(string name) => Path.Combine(Directory, name);

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // best effort: a temp directory left behind does not change any result
        }
    }
}
