using System.Diagnostics.Metrics;

using Whisper.Core.Domain;
using Whisper.Fork.Export;
using Whisper.Fork.Import;
using Whisper.Fork.Keys;
using Whisper.Fork.Manifest;
using Whisper.Fork.Scope;
using Whisper.Storage;

namespace Whisper.Fork.Sync;

/// <summary>
/// <c>whisper fork sync</c>: change data capture from the source to the fork after the bulk copy, Debezium-style —
/// tail the source's catalog change feed and event log from the manifest's snapshot positions, apply what the
/// scope lets travel, checkpoint after each batch. Applying is idempotent (upsert by key, events deduplicated by
/// client id), so a crash between applying and checkpointing re-reads a batch without storing anything twice;
/// events at or below the snapshot position came with the export and are never read again.
/// </summary>
public sealed class ForkSync(IWhisperStore source, IWhisperStore target, IKeyProvider keys, IExportScope scope, TimeProvider? clock = null)
{
    private static readonly Meter Meter = new("Whisper.Fork");
    private static readonly Counter<long> AppliedCounter = Meter.CreateCounter<long>("whisper.fork.sync.applied", "{row}", "Rows CDC applied to the fork");
    private static long _lagEvents;

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    static ForkSync() =>
        Meter.CreateObservableGauge("whisper.fork.sync.lag", () => Interlocked.Read(ref _lagEvents), "{event}", "Source events the fork has not applied yet");

    public int EventBatch { get; init; } = 5_000;

    public int ChangeBatch { get; init; } = 1_000;

    /// <summary>Applies everything up to the source's current heads once; with <paramref name="freeze"/> then stops following for good.</summary>
    public async Task<SyncResult> SyncAsync(string repository, bool freeze = false, IProgress<ForkProgress>? progress = null, CancellationToken ct = default)
    {
        var manifest = ManifestFile.Read(repository, keys);
        RequireImported(repository, manifest);
        var state = SyncState.Load(repository, manifest);
        if (state.FrozenAt is { } frozenAt)
        {
            throw new InvalidOperationException($"sync of export {manifest.ExportId:D} was frozen at cutover ({frozenAt:u}); the fork no longer follows the source");
        }

        long changesApplied = 0, eventsApplied = 0, eventsSkipped = 0;
        var changes = new List<CatalogChange>(ChangeBatch);
        while (true)
        {
            changes.Clear();
            if (await source.Catalog.ReadChangesAsync(state.ChangePosition, ChangeBatch, changes, ct).ConfigureAwait(false) == 0)
            {
                break;
            }

            changesApplied += await ApplyChangesAsync(changes, ct).ConfigureAwait(false);
            state = state with { ChangePosition = changes[^1].Sequence, ChangesApplied = state.ChangesApplied + changes.Count };
            state.Save(repository);
        }

        var sourceHead = await source.Events.GetHeadAsync(ct).ConfigureAwait(false);
        var events = new List<LoggedEvent>(EventBatch);
        var travelling = new List<EngagementEvent>(EventBatch);
        while (state.EventPosition < sourceHead)
        {
            events.Clear();
            travelling.Clear();
            await source.Events.ReadAsync(state.EventPosition, EventBatch, events, ct).ConfigureAwait(false);
            if (events.Count == 0)
            {
                break;
            }

            foreach (var logged in events)
            {
                if (scope.Includes(logged.Event))
                {
                    travelling.Add(logged.Event);
                }
            }

            var appended = travelling.Count == 0 ? default : await target.Events.AppendAsync(travelling, ct).ConfigureAwait(false);
            eventsApplied += appended.Appended;
            eventsSkipped += events.Count - appended.Appended;
            AppliedCounter.Add(appended.Appended);
            state = state with { EventPosition = events[^1].Sequence, EventsApplied = state.EventsApplied + appended.Appended };
            state.Save(repository);
            Interlocked.Exchange(ref _lagEvents, sourceHead - state.EventPosition);
            progress?.Report(new ForkProgress("sync", state.EventPosition, sourceHead, state.EventsApplied, 0));
        }

        if (freeze)
        {
            state = state with { FrozenAt = _clock.GetUtcNow() };
            state.Save(repository);
        }

        var lagEvents = await source.Events.GetHeadAsync(ct).ConfigureAwait(false) - state.EventPosition;
        var lagChanges = await source.Catalog.GetChangeHeadAsync(ct).ConfigureAwait(false) - state.ChangePosition;
        Interlocked.Exchange(ref _lagEvents, lagEvents);
        return new SyncResult(eventsApplied, eventsSkipped, changesApplied, state.EventPosition, lagEvents, lagChanges, state.FrozenAt is not null);
    }

    /// <summary>Keeps syncing until cancelled, pausing <paramref name="pollInterval"/> whenever the fork has caught up.</summary>
    public async Task<SyncResult> FollowAsync(string repository, TimeSpan pollInterval, IProgress<ForkProgress>? progress = null, CancellationToken ct = default)
    {
        SyncResult last;
        while (true)
        {
            last = await SyncAsync(repository, freeze: false, progress, ct).ConfigureAwait(false);
            if (last.LagEvents > 0 || last.LagChanges > 0)
            {
                continue;
            }

            try
            {
                await Task.Delay(pollInterval, _clock, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return last;
            }
        }
    }

    private static void RequireImported(string repository, ForkManifest manifest)
    {
        var applied = ImportJournal.AppliedCount(repository);
        var records = manifest.Chunks.Count(c => c.Table != Records.ForkTable.Model);
        if (applied < records)
        {
            throw new InvalidOperationException($"the bulk import of export {manifest.ExportId:D} is not complete ({applied} of {records} chunks); run 'whisper fork import' first");
        }
    }

    /// <summary>Reads each changed row's current version from the source and upserts the ones that travel.</summary>
    private async Task<long> ApplyChangesAsync(List<CatalogChange> changes, CancellationToken ct)
    {
        var users = new List<User>();
        var creators = new List<Creator>();
        var videos = new List<Video>();
        var follows = new List<Follow>();
        var sessions = new List<LiveSession>();
        var products = new List<Product>();
        var orders = new List<Order>();
        var catalog = source.Catalog;

        // Users and creators first, so the scope knows them before it judges the rows that point at them.
        foreach (var change in changes.Where(c => c.Table == CatalogTableKind.Users))
        {
            if (await catalog.GetUserAsync(change.Key1, ct).ConfigureAwait(false) is { } user)
            {
                scope.Observe(user);
                Add(users, user, scope.Includes(user));
            }
        }

        foreach (var change in changes.Where(c => c.Table == CatalogTableKind.Creators))
        {
            if (await catalog.GetCreatorAsync(change.Key1, ct).ConfigureAwait(false) is { } creator)
            {
                scope.Observe(creator);
                Add(creators, creator, scope.Includes(creator));
            }
        }

        foreach (var change in changes)
        {
            switch (change.Table)
            {
                case CatalogTableKind.Videos when await catalog.GetVideoAsync(change.Key1, ct).ConfigureAwait(false) is { } video:
                    Add(videos, video, scope.Includes(video));
                    break;
                case CatalogTableKind.Follows:
                    var follow = (await catalog.ListFollowsAsync(change.Key1, ct).ConfigureAwait(false)).FirstOrDefault(f => f.CreatorId == change.Key2);
                    if (follow is not null)
                    {
                        Add(follows, follow, scope.Includes(follow));
                    }

                    break;
                case CatalogTableKind.LiveSessions when await catalog.GetLiveSessionAsync(change.Key1, ct).ConfigureAwait(false) is { } session:
                    Add(sessions, session, scope.Includes(session));
                    break;
                case CatalogTableKind.Products when await catalog.GetProductAsync(change.Key1, ct).ConfigureAwait(false) is { } product:
                    Add(products, product, scope.Includes(product));
                    break;
                case CatalogTableKind.Orders when await catalog.GetOrderAsync(change.Key1, ct).ConfigureAwait(false) is { } order:
                    Add(orders, order, scope.Includes(order));
                    break;
            }
        }

        var writes = target.Catalog;
        await writes.UpsertUsersAsync(users, ct).ConfigureAwait(false);
        await writes.UpsertCreatorsAsync(creators, ct).ConfigureAwait(false);
        await writes.UpsertVideosAsync(videos, ct).ConfigureAwait(false);
        await writes.UpsertFollowsAsync(follows, ct).ConfigureAwait(false);
        await writes.UpsertLiveSessionsAsync(sessions, ct).ConfigureAwait(false);
        await writes.UpsertProductsAsync(products, ct).ConfigureAwait(false);
        await writes.UpsertOrdersAsync(orders, ct).ConfigureAwait(false);
        long total = users.Count + creators.Count + videos.Count + follows.Count + sessions.Count + products.Count + orders.Count;
        AppliedCounter.Add(total);
        return total;

        static void Add<T>(List<T> into, T row, bool travels)
        {
            if (travels)
            {
                into.Add(row);
            }
        }
    }
}
