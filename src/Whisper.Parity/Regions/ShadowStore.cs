using Whisper.Core.Domain;
using Whisper.Storage;

namespace Whisper.Parity.Regions;

/// <summary>
/// A region's store as a shadow engine sees it: catalog and log reads go to the real store, appends are dropped — a
/// shadow answer is never shown to a user, so its impressions must not reach the log (they would train the model and
/// skew the counters). Disposing leaves the real store open.
/// </summary>
public sealed class ShadowStore(IWhisperStore inner) : IWhisperStore
{
    private readonly IWhisperStore _inner = inner ?? throw new ArgumentNullException(nameof(inner));

    public string Provider => _inner.Provider;

    public ICatalogStore Catalog => _inner.Catalog;

    public IEventLog Events { get; } = new ReadOnlyLog(inner);

    public Task<bool> PingAsync(CancellationToken cancellationToken = default) => _inner.PingAsync(cancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private sealed class ReadOnlyLog(IWhisperStore store) : IEventLog
    {
        public Task<AppendResult> AppendAsync(IReadOnlyList<EngagementEvent> batch, CancellationToken cancellationToken = default) =>
            Task.FromResult(new AppendResult(0, batch.Count, 0, 0));

        public Task<int> ReadAsync(long afterPosition, int maxCount, List<LoggedEvent> into, CancellationToken cancellationToken = default) =>
            store.Events.ReadAsync(afterPosition, maxCount, into, cancellationToken);

        public Task<long> GetHeadAsync(CancellationToken cancellationToken = default) => store.Events.GetHeadAsync(cancellationToken);
    }
}
