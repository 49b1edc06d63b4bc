using System.Diagnostics;

using Whisper.Storage;

namespace Whisper.World.Generation;

/// <summary>
/// Generates a world and writes it to a store: ground truth file first, then catalog (users, creators, videos,
/// follows, live sessions, products), then events in batches with the follows and orders they create. Every write is
/// idempotent (upserts by id; events de-duplicated by their deterministic ids), so re-running with the same options
/// after a cancel or crash completes the world and leaves exactly what one uninterrupted run would have.
/// </summary>
public static class WorldWriter
{
    /// <summary>Catalog rows per upsert call: one transaction each, a few hundred KB.</summary>
    public const int CatalogBatchSize = 2_000;

    public static async Task<WorldSummary> WriteAsync(
        WorldOptions options,
        IWhisperStore store,
        string groundTruthPath,
        IProgress<WorldProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrEmpty(groundTruthPath);
        var generation = new Stopwatch();
        var writing = new Stopwatch();

        generation.Start();
        var generator = new WorldGenerator(options);
        var catalog = generator.BuildCatalog();
        generation.Stop();

        writing.Start();
        generator.Truth.Save(groundTruthPath);
        progress?.Report(new WorldProgress("ground-truth", 1, 1));
        var catalogStore = store.Catalog;
        await UpsertAsync("users", catalog.Users, catalogStore.UpsertUsersAsync, progress, cancellationToken).ConfigureAwait(false);
        await UpsertAsync("creators", catalog.Creators, catalogStore.UpsertCreatorsAsync, progress, cancellationToken).ConfigureAwait(false);
        await UpsertAsync("videos", catalog.Videos, catalogStore.UpsertVideosAsync, progress, cancellationToken).ConfigureAwait(false);
        await UpsertAsync("follows", catalog.Follows, catalogStore.UpsertFollowsAsync, progress, cancellationToken).ConfigureAwait(false);
        await UpsertAsync("live-sessions", catalog.LiveSessions, catalogStore.UpsertLiveSessionsAsync, progress, cancellationToken).ConfigureAwait(false);
        await UpsertAsync("products", catalog.Products, catalogStore.UpsertProductsAsync, progress, cancellationToken).ConfigureAwait(false);
        writing.Stop();

        long generated = 0, appended = 0, duplicates = 0, follows = catalog.Follows.Count, orders = 0;
        using var batches = generator.GenerateEvents(WorldGenerator.DefaultBatchSize).GetEnumerator();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            generation.Start();
            var more = batches.MoveNext();
            generation.Stop();
            if (!more)
            {
                break;
            }

            var batch = batches.Current;
            writing.Start();
            // Follows and orders first: an event never refers to a row the store lacks.
            if (batch.NewFollows.Count > 0)
            {
                await catalogStore.UpsertFollowsAsync(batch.NewFollows, cancellationToken).ConfigureAwait(false);
            }

            if (batch.NewOrders.Count > 0)
            {
                await catalogStore.UpsertOrdersAsync(batch.NewOrders, cancellationToken).ConfigureAwait(false);
            }

            var result = await store.Events.AppendAsync(batch.Events, cancellationToken).ConfigureAwait(false);
            writing.Stop();
            generated += batch.Events.Count;
            appended += result.Appended;
            duplicates += result.Duplicates;
            follows += batch.NewFollows.Count;
            orders += batch.NewOrders.Count;
            var days = batch.DaysCompleted;
            var estimate = days > 0 ? Math.Max(generated, generated * options.Days / days) : generated * options.Days;
            progress?.Report(new WorldProgress("events", generated, estimate));
        }

        progress?.Report(new WorldProgress("events", generated, generated));
        return new WorldSummary(catalog.Users.Count, catalog.Creators.Count, catalog.Videos.Count, follows,
            catalog.LiveSessions.Count, catalog.Products.Count, orders, generated, appended, duplicates,
            generation.Elapsed, writing.Elapsed);
    }

    private static async Task UpsertAsync<T>(
        string stage,
        IReadOnlyList<T> rows,
        Func<IReadOnlyList<T>, CancellationToken, Task> upsert,
        IProgress<WorldProgress>? progress,
        CancellationToken cancellationToken)
    {
        var buffer = new List<T>(Math.Min(rows.Count, CatalogBatchSize));
        for (var i = 0; i < rows.Count; i += CatalogBatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            buffer.Clear();
            var end = Math.Min(rows.Count, i + CatalogBatchSize);
            for (var j = i; j < end; j++)
            {
                buffer.Add(rows[j]);
            }

            await upsert(buffer, cancellationToken).ConfigureAwait(false);
            progress?.Report(new WorldProgress(stage, end, rows.Count));
        }

        if (rows.Count == 0)
        {
            progress?.Report(new WorldProgress(stage, 0, 0));
        }
    }
}
