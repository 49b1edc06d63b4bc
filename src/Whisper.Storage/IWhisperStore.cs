namespace Whisper.Storage;

/// <summary>
/// One region's store: catalog plus event log, on one provider. Open it with <see cref="WhisperStores.OpenAsync"/>;
/// opening creates or migrates the schema. Thread-safe: one instance serves a whole process.
/// </summary>
public interface IWhisperStore : IAsyncDisposable
{
    /// <summary>"sqlite" or "postgres".</summary>
    string Provider { get; }

    ICatalogStore Catalog { get; }

    IEventLog Events { get; }

    /// <summary>True when the backing database answers; used by readiness checks.</summary>
    Task<bool> PingAsync(CancellationToken cancellationToken = default);
}
