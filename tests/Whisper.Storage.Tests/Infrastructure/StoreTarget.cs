namespace Whisper.Storage.Tests.Infrastructure;

/// <summary>A fresh, private place for one test's store (a temp SQLite file or a random PostgreSQL schema), removed on dispose.</summary>
public abstract class StoreTarget : IAsyncDisposable
{
    public abstract StoreOptions Options { get; }

    public Task<IWhisperStore> OpenAsync() => WhisperStores.OpenAsync(Options);

    public abstract ValueTask DisposeAsync();
}
