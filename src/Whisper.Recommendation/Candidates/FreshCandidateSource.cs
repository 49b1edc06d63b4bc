using System.Buffers;

using Whisper.Recommendation.Catalog;

namespace Whisper.Recommendation.Candidates;

/// <summary>
/// Exploration and cold start: videos younger than <see cref="FreshOptions.Window"/> and all videos of new creators
/// (whose first video is younger than <see cref="FreshOptions.NewCreatorWindow"/>), in an order shuffled per
/// (user, UTC day): each eligible video gets the key <c>hash(salt, user, day, video)</c> and the lowest keys win, so the
/// same user sees the same picks all day (reproducible, and stable as videos enter or leave the pool) and new ones
/// the next day. The feed bounds exploration by this source's budget. With <see cref="TrendingCandidateSource"/> it
/// is the cold-start mix for users without a vector (see <see cref="CandidateSourceSetOptions.ColdStart"/>).
/// <para>
/// Eligibility is decided exactly at the request time from a pool rebuilt by a catalog scan at most every
/// <see cref="FreshOptions.RefreshInterval"/> of request time (with that much margin), so videos published since
/// the last scan appear at the next one. Requests read the pool without locking.
/// </para>
/// </summary>
public sealed class FreshCandidateSource : ICandidateSource
{
    private readonly CatalogView _catalog;
    private readonly FreshOptions _options;
    private readonly Lock _refreshGate = new();
    private Pool? _pool;

    public FreshCandidateSource(CatalogView catalog, FreshOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        _options = options ?? FreshOptions.Default;
        CandidateOptionsException.ThrowIfAny(_options.Validate());
        _catalog = catalog;
    }

    public CandidateOrigin Origin => CandidateOrigin.Fresh;

    /// <summary>Rebuilds the pool of eligible videos as of <paramref name="now"/> (requests do this by themselves when it is stale).</summary>
    public void Refresh(DateTimeOffset now)
    {
        lock (_refreshGate)
        {
            Volatile.Write(ref _pool, BuildPool(now.ToUnixTimeMilliseconds()));
        }
    }

    public void Collect(FeedRequest request, int budget, List<Candidate> into)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(into);
        if (budget <= 0)
        {
            return;
        }

        var nowMs = request.Now.ToUnixTimeMilliseconds();
        var pool = CurrentPool(nowMs);
        var windowMs = (long)_options.Window.TotalMilliseconds;
        var newCreatorMs = (long)_options.NewCreatorWindow.TotalMilliseconds;
        var day = Math.Floor(nowMs / 86_400_000d);
        var userDay = Mix(Mix((ulong)_options.Salt ^ (ulong)request.UserId) ^ (ulong)(long)day);
        var best = ArrayPool<VectorMatch>.Shared.Rent(budget);
        try
        {
            var top = new TopMatches(best.AsSpan(0, budget));
            foreach (var item in pool.Items)
            {
                var eligible = item.CreatedAtMs <= nowMs
                    && (nowMs - item.CreatedAtMs <= windowMs || (item.CreatorFirstMs <= nowMs && nowMs - item.CreatorFirstMs <= newCreatorMs));
                if (!eligible || request.RecentlyServed.Contains(item.VideoId) || request.BlockedCreators.Contains(item.CreatorId))
                {
                    continue;
                }

                // Lower hash = picked first; TopMatches keeps the highest score, so offer 1 − u (u uniform in [0, 1) from 24 bits).
                var u = (Mix(userDay ^ (ulong)item.VideoId) >> 40) * (1f / (1 << 24));
                top.Offer(new VectorMatch(item.VideoId, 1f - u));
            }

            var count = top.Finish();
            for (var i = 0; i < count; i++)
            {
                into.Add(new Candidate(best[i].VideoId, best[i].Score, CandidateOrigin.Fresh));
            }
        }
        finally
        {
            ArrayPool<VectorMatch>.Shared.Return(best);
        }
    }

    /// <summary>SplitMix64's finaliser: a fast, well-mixed 64-bit hash, stable across processes and regions (unlike HashCode).</summary>
    private static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    private Pool CurrentPool(long nowMs)
    {
        var pool = Volatile.Read(ref _pool);
        var intervalMs = (long)_options.RefreshInterval.TotalMilliseconds;
        if (pool is not null && nowMs >= pool.BuiltAtMs && nowMs - pool.BuiltAtMs <= intervalMs)
        {
            return pool;
        }

        // One request rebuilds; the others keep serving from the old pool meanwhile (or wait on the very first build).
        if (pool is not null && !_refreshGate.TryEnter())
        {
            return pool;
        }

        if (pool is null)
        {
            _refreshGate.Enter();
        }

        try
        {
            pool = Volatile.Read(ref _pool);
            if (pool is null || nowMs < pool.BuiltAtMs || nowMs - pool.BuiltAtMs > intervalMs)
            {
                pool = BuildPool(nowMs);
                Volatile.Write(ref _pool, pool);
            }

            return pool;
        }
        finally
        {
            _refreshGate.Exit();
        }
    }

    private Pool BuildPool(long nowMs)
    {
        // Keep everything that can become eligible before the next rebuild: published up to nowMs + interval, and
        // still young at nowMs (a request between builds sees nowMs..nowMs + interval, when videos only get older).
        var intervalMs = (long)_options.RefreshInterval.TotalMilliseconds;
        var youngestAllowed = nowMs + intervalMs;
        var windowStart = nowMs - (long)_options.Window.TotalMilliseconds;
        var newCreatorStart = nowMs - (long)_options.NewCreatorWindow.TotalMilliseconds;
        var firstVideoMs = new Dictionary<long, long>();
        var items = new List<PoolItem>();
        foreach (var videoId in _catalog.VideoIds)
        {
            if (!_catalog.TryGetVideo(videoId, out var video) || video.CreatedAtMs > youngestAllowed)
            {
                continue;
            }

            if (!firstVideoMs.TryGetValue(video.CreatorId, out var creatorFirst))
            {
                var videos = _catalog.VideosOfCreator(video.CreatorId);
                creatorFirst = !videos.IsEmpty && _catalog.TryGetVideo(videos[0], out var first) ? first.CreatedAtMs : video.CreatedAtMs;
                firstVideoMs[video.CreatorId] = creatorFirst;
            }

            if (video.CreatedAtMs >= windowStart || creatorFirst >= newCreatorStart)
            {
                items.Add(new PoolItem(video.Id, video.CreatorId, video.CreatedAtMs, creatorFirst));
            }
        }

        // Catalog order is a hash order; sort so a pool is a pure function of the catalog and the build time.
        items.Sort(static (a, b) => a.VideoId.CompareTo(b.VideoId));
        return new Pool(nowMs, [.. items]);
    }

    private sealed record Pool(long BuiltAtMs, PoolItem[] Items);

    private readonly record struct PoolItem(long VideoId, long CreatorId, long CreatedAtMs, long CreatorFirstMs);
}
