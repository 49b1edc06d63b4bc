using Whisper.Storage;

namespace Whisper.Server.Tests.Infrastructure;

/// <summary>A real store whose ping says the database does not answer, for readiness tests.</summary>
public sealed class FailingPingStore(IWhisperStore inner) : IWhisperStore
{
    public string Provider => inner.Provider;

    public ICatalogStore Catalog => inner.Catalog;

    public IEventLog Events => inner.Events;

    public Task<bool> PingAsync(CancellationToken cancellationToken = default) => Task.FromResult(false);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
