using Microsoft.Data.Sqlite;

namespace Whisper.Storage.Tests.Infrastructure;

/// <summary>A store file in its own temp directory, deleted with the directory.</summary>
public sealed class SqliteStoreTarget : StoreTarget
{
    private readonly string _directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "whisper-storage-tests", Guid.NewGuid().ToString("N"));

    public SqliteStoreTarget()
    {
        Directory.CreateDirectory(_directory);
        Path = System.IO.Path.Combine(_directory, "store.db");
        Options = new StoreOptions(StoreProvider.Sqlite, Path);
    }

    public string Path { get; }

    public override StoreOptions Options { get; }

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A pooled handle another test still holds; the temp directory is cleaned by the OS.
        }

        return ValueTask.CompletedTask;
    }
}
