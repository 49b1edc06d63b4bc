using Whisper.Fork.Export;
using Whisper.Fork.Residency;
using Whisper.Storage;

namespace Whisper.Fork.Scope;

/// <summary>Classifies a whole store under a residency policy, streaming each table a page at a time in the order <see cref="ResidentSetBuilder"/> needs.</summary>
public static class ResidentSets
{
    private const int PageSize = 10_000;

    public static async Task<ResidentSet> BuildAsync(IWhisperStore store, ResidencyClassifier classifier, IProgress<ForkProgress>? progress = null, CancellationToken ct = default)
    {
        // Read before any row: changes after this position may be missing from the set, so an export snapshots no later.
        var knownChangePosition = await store.Catalog.GetChangeHeadAsync(ct).ConfigureAwait(false);
        var builder = new ResidentSetBuilder(classifier);
        var catalog = store.Catalog;
        var counts = await catalog.CountAsync(ct).ConfigureAwait(false);
        await PageAsync("classify orders", counts.Orders, (after, n) => catalog.ListOrdersAsync(after, n, ct), o => o.Id, rows => builder.AddOrders(rows)).ConfigureAwait(false);
        await PageAsync("classify users", counts.Users, (after, n) => catalog.ListUsersAsync(after, n, ct), u => u.Id, rows => builder.AddUsers(rows)).ConfigureAwait(false);
        await PageAsync("classify creators", counts.Creators, (after, n) => catalog.ListCreatorsAsync(after, n, ct), c => c.Id, rows => builder.AddCreators(rows)).ConfigureAwait(false);
        await PageAsync("classify videos", counts.Videos, (after, n) => catalog.ListVideosAsync(after, n, ct), v => v.Id, rows => builder.AddVideos(rows)).ConfigureAwait(false);
        await PageAsync("classify live sessions", counts.LiveSessions, (after, n) => catalog.ListLiveSessionsAsync(after, n, ct), s => s.Id, rows => builder.AddLiveSessions(rows)).ConfigureAwait(false);
        await PageAsync("classify products", counts.Products, (after, n) => catalog.ListProductsAsync(after, n, ct), p => p.Id, rows => builder.AddProducts(rows)).ConfigureAwait(false);

        long followerAfter = 0, creatorAfter = 0, followsDone = 0;
        while (true)
        {
            var page = await catalog.ListFollowsPageAsync(followerAfter, creatorAfter, PageSize, ct).ConfigureAwait(false);
            if (page.Count == 0)
            {
                break;
            }

            builder.AddFollows(page);
            (followerAfter, creatorAfter) = (page[^1].FollowerId, page[^1].CreatorId);
            followsDone += page.Count;
            progress?.Report(new ForkProgress("classify follows", followsDone, counts.Follows, 0, 0));
        }

        var set = builder.Build();
        set.KnownChangePosition = knownChangePosition;
        return set;

        async Task PageAsync<T>(string stage, long total, Func<long, int, Task<IReadOnlyList<T>>> read, Func<T, long> idOf, Action<IReadOnlyList<T>> add)
        {
            long after = 0, done = 0;
            while (true)
            {
                var page = await read(after, PageSize).ConfigureAwait(false);
                if (page.Count == 0)
                {
                    return;
                }

                add(page);
                after = idOf(page[^1]);
                done += page.Count;
                progress?.Report(new ForkProgress(stage, done, total, 0, 0));
            }
        }
    }
}
