using Whisper.Core.Domain;
using Whisper.Storage;

namespace Whisper.Parity.Regions;

/// <summary>
/// A region's store as a shadow engine sees it: catalog and log reads go to the real store, appends are dropped — a
/// shadow answer is never shown to a user, so its impressions must not reach the log (they would train the model and
/// skew the counters). With <paramref name="through"/> the log ends there (its head is at most that position), so an
/// engine opened over it serves as of that point: a region frozen at a checkpoint. Disposing leaves the real store open.
/// </summary>
public sealed class ShadowStore(IWhisperStore inner, long through = long.MaxValue) : IWhisperStore
{
    private readonly IWhisperStore _inner = inner ?? throw new ArgumentNullException(nameof(inner));

    public string Provider => _inner.Provider;

    public ICatalogStore Catalog => _inner.Catalog;

    public IEventLog Events { get; } = new ReadOnlyLog(inner, through);

    public Task<bool> PingAsync(CancellationToken cancellationToken = default) => _inner.PingAsync(cancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private sealed class ReadOnlyLog(IWhisperStore store, long through) : IEventLog
    {
        public Task<AppendResult> AppendAsync(IReadOnlyList<EngagementEvent> batch, CancellationToken cancellationToken = default) =>
            Task.FromResult(new AppendResult(0, batch.Count, 0, 0));

        public async Task<int> ReadAsync(long afterPosition, int maxCount, List<LoggedEvent> into, CancellationToken cancellationToken = default)
        {
            if (afterPosition >= through)
            {
                return 0;
            }

            var start = into.Count;
            await store.Events.ReadAsync(afterPosition, maxCount, into, cancellationToken).ConfigureAwait(false);
            var end = start;
            while (end < into.Count && into[end].Sequence <= through)
            {
                end++;
            }

            into.RemoveRange(end, into.Count - end);
            return end - start;
        }

        public async Task<long> GetHeadAsync(CancellationToken cancellationToken = default) =>
            Math.Min(through, await store.Events.GetHeadAsync(cancellationToken).ConfigureAwait(false));
    }
}
