using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;

using Whisper.Core.Domain;
using Whisper.Recommendation.Candidates;
using Whisper.Recommendation.Catalog;
using Whisper.Recommendation.Model;
using Whisper.Recommendation.Ranking;
using Whisper.Recommendation.Reranking;
using Whisper.Storage;

namespace Whisper.Recommendation.Feed;

/// <summary>
/// The For You feed: user check → user vector (none: cold start) → candidate sources with budgets → ranker → re-ranker
/// → page + signed cursor, and every served item appended to the event log as an impression (deterministic ids, so a
/// retried request logs nothing twice). Thread-safe; one instance serves the process. See docs/feed.md.
/// </summary>
public sealed class FeedService
{
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private static readonly IReadOnlySet<long> NoCreators = new HashSet<long>();

    private static readonly byte[] EmptyBloom = new byte[FeedCursor.BloomBytes];

    [ThreadStatic]
    private static List<Candidate>? t_merged;

    [ThreadStatic]
    private static HashSet<long>? t_served;

    [ThreadStatic]
    private static float[]? t_vector;

    private readonly IEventLog _events;
    private readonly CatalogView _catalog;
    private readonly IEmbeddingModel _model;
    private readonly CandidateSourceSet _candidates;
    private readonly IRanker _ranker;
    private readonly ReRanker _reranker;
    private readonly FeedOptions _options;
    private readonly IFeedCursorKey _key;
    private readonly TimeProvider _time;
    private readonly IImpressionListener? _listener;
    private readonly Func<long, IReadOnlySet<long>>? _blockedCreators;
    private readonly FeedSessionStore _sessions;

    /// <param name="events">Where served impressions go (the region store's <see cref="IWhisperStore.Events"/>).</param>
    /// <param name="catalog">The in-memory catalog (users must be in it).</param>
    /// <param name="model">The serving embedding model.</param>
    /// <param name="sources">Candidate sources, by priority: a video several propose keeps the first one's origin
    /// (merged by a <see cref="CandidateSourceSet"/> with <see cref="FeedOptions.Candidates"/>).</param>
    /// <param name="ranker">Usually a <see cref="RankerSlot"/> holding the fallback until LightGBM is trained.</param>
    /// <param name="reranker">Page rules; default <see cref="ReRankerOptions"/> when null.</param>
    /// <param name="options">Limits and budgets; validated here (throws <see cref="RecommendationOptionsException"/>).</param>
    /// <param name="cursorKey">Cursor signing key; a random per-process key when null.</param>
    /// <param name="time">Clock; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="listener">Told after each page's impressions are appended.</param>
    /// <param name="blockedCreators">The user's blocked creators, when the platform has a block list.</param>
    public FeedService(
        IEventLog events,
        CatalogView catalog,
        IEmbeddingModel model,
        IReadOnlyList<ICandidateSource> sources,
        IRanker ranker,
        ReRanker? reranker = null,
        FeedOptions? options = null,
        IFeedCursorKey? cursorKey = null,
        TimeProvider? time = null,
        IImpressionListener? listener = null,
        Func<long, IReadOnlySet<long>>? blockedCreators = null)
        : this(events, catalog, model, SourceSet(sources, options), ranker, reranker, options, cursorKey, time, listener, blockedCreators)
    {
    }

    /// <summary>The feed over an already built <see cref="CandidateSourceSet"/> (its options replace <see cref="FeedOptions.Candidates"/>).</summary>
    public FeedService(
        IEventLog events,
        CatalogView catalog,
        IEmbeddingModel model,
        CandidateSourceSet candidates,
        IRanker ranker,
        ReRanker? reranker = null,
        FeedOptions? options = null,
        IFeedCursorKey? cursorKey = null,
        TimeProvider? time = null,
        IImpressionListener? listener = null,
        Func<long, IReadOnlySet<long>>? blockedCreators = null)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(ranker);
        _options = (options ?? new FeedOptions()) with { Candidates = candidates.Options };
        _options.EnsureValid();
        _events = events;
        _catalog = catalog;
        _model = model;
        _candidates = candidates;
        _ranker = ranker;
        _reranker = reranker ?? new ReRanker(new ReRankerOptions());
        _key = cursorKey ?? new RandomFeedCursorKey();
        if (_key.Key.Length < 32)
        {
            throw new ArgumentException("The cursor key must have at least 32 bytes.", nameof(cursorKey));
        }

        _time = time ?? TimeProvider.System;
        _listener = listener;
        _blockedCreators = blockedCreators;
        _sessions = new FeedSessionStore(_options.RecentlyServedPerUser, _options.MaxTrackedUsers);
    }

    public FeedOptions Options => _options;

    /// <summary>Told about each newly composed page (the served-response log); null: nobody.</summary>
    public IServedPageListener? ServedPages { get; init; }

    /// <summary>The candidate sources and their merge.</summary>
    public CandidateSourceSet Candidates => _candidates;

    private static CandidateSourceSet SourceSet(IReadOnlyList<ICandidateSource> sources, FeedOptions? options)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var feedOptions = options ?? new FeedOptions();
        feedOptions.EnsureValid();
        return new CandidateSourceSet(sources, feedOptions.Candidates);
    }

    public IEmbeddingModel Model => _model;

    /// <summary>Users whose served history is held in memory now.</summary>
    public int TrackedUsers => _sessions.Count;

    /// <summary>
    /// One page of <paramref name="userId"/>'s feed. <paramref name="cursor"/> is null for a new session, else the
    /// previous page's <see cref="FeedPage.NextCursor"/>. Refusals come back as a status, never as an exception.
    /// </summary>
    public async Task<FeedResult> GetFeedAsync(long userId, int count, string? cursor, CancellationToken cancellationToken = default)
    {
        if (count < 1 || count > _options.MaxCount)
        {
            return FeedResult.Failed(FeedStatus.InvalidCount, $"count is {count}; ask for 1..{_options.MaxCount} items.");
        }

        if (!_catalog.IsKnownUser(userId))
        {
            return FeedResult.Failed(FeedStatus.UnknownUser, $"No user with id {userId}.");
        }

        var now = _time.GetUtcNow();
        var nowMs = now.ToUnixTimeMilliseconds();
        FeedCursorState? from = null;
        if (cursor is not null)
        {
            var problem = CheckCursor(cursor, userId, nowMs, out from);
            if (problem is not null)
            {
                return FeedResult.Failed(FeedStatus.InvalidCursor, problem);
            }
        }

        var user = _sessions.Get(userId, nowMs);
        var requestKey = cursor ?? "";
        // Per-thread scratch: the set is filled here and only read by the synchronous Compose below (no await between).
        var served = t_served ??= new HashSet<long>(256);
        served.Clear();
        FeedPage? replay = null;
        EngagementEvent[] replayImpressions = [];
        lock (user.Gate)
        {
            if (user.LastPage is { } last && user.LastRequestKey == requestKey && user.LastCount == count
                && (cursor is not null || nowMs - user.LastRequestAtMs <= (long)_options.RetryWindow.TotalMilliseconds))
            {
                replay = last;
                replayImpressions = user.LastImpressions;
            }
            else
            {
                user.CopyServedTo(served);
            }
        }

        if (replay is not null)
        {
            // A retry: the same page, and re-appending the same impression ids stores nothing new.
            await AppendAsync(replayImpressions, cancellationToken).ConfigureAwait(false);
            return new FeedResult(FeedStatus.Ok, replay, null);
        }

        var session = from?.Session ?? NewSession(userId, nowMs);
        var pageNumber = from?.Page ?? 0;
        var bloom = from?.Served ?? EmptyBloom; // only read (Compose clones it for the next cursor)
        var pageTimeMs = from?.IssuedAtMs ?? nowMs; // what the page's impression ids are keyed by (stable across retries)
        var (page, impressions) = Compose(userId, count, now, session, pageNumber, pageTimeMs, bloom, served);

        await AppendAsync(impressions, cancellationToken).ConfigureAwait(false);
        ServedPages?.OnPageServed(new ServedPage(page, now, count, session));
        lock (user.Gate)
        {
            foreach (var item in page.Items)
            {
                user.AddServed(item.VideoId);
            }

            user.LastRequestKey = requestKey;
            user.LastRequestAtMs = nowMs;
            user.LastCount = count;
            user.LastPage = page;
            user.LastImpressions = impressions;
        }

        return new FeedResult(FeedStatus.Ok, page, null);
    }

    private (FeedPage Page, EngagementEvent[] Impressions) Compose(long userId, int count, DateTimeOffset now, ulong session, int pageNumber, long pageTimeMs, byte[] bloom, HashSet<long> served)
    {
        // Read the slot once: the whole request uses one ranker even if a new one is swapped in meanwhile.
        var ranker = _ranker is RankerSlot slot ? slot.Current : _ranker;
        var vector = t_vector is { } cached && cached.Length == _model.Dimension ? cached : t_vector = new float[_model.Dimension];
        var cold = !_model.TryGetUserVector(userId, vector);
        var request = new FeedRequest(userId, _catalog.RegionOfUser(userId), now, count)
        {
            UserVector = cold ? [] : vector,
            RecentlyServed = served,
            BlockedCreators = _blockedCreators?.Invoke(userId) ?? NoCreators,
        };

        var merged = t_merged ??= new List<Candidate>(512);
        merged.Clear();
        _candidates.Collect(request, merged);
        var known = 0;
        var size = Math.Max(1, merged.Count);
        var candidates = ArrayPool<Candidate>.Shared.Rent(size);
        var facts = ArrayPool<VideoFacts>.Shared.Rent(size);
        var scores = ArrayPool<float>.Shared.Rent(size);
        var ranked = ArrayPool<RankedCandidate>.Shared.Rent(size);
        try
        {
            foreach (var candidate in merged)
            {
                // Drop what the catalog does not know and what this session's cursor says was served already.
                if (_catalog.TryGetVideo(candidate.VideoId, out var video) && !FeedCursor.MayHaveServed(bloom, candidate.VideoId))
                {
                    candidates[known] = candidate;
                    facts[known++] = video;
                }
            }

            merged.Clear();
            var (rankedCount, modelScored) = PreRank(ranker, request, cold, candidates.AsSpan(0, known), facts.AsSpan(0, known), scores.AsSpan(0, known));
            var head = scores.AsSpan(0, rankedCount);
            if (modelScored)
            {
                // The head's pre-scores are its model scores: the ranker takes them instead of computing them again.
                Span<float> modelScores = rankedCount <= 256 ? stackalloc float[rankedCount] : new float[rankedCount];
                head.CopyTo(modelScores);
                ranker.Score(request, candidates.AsSpan(0, rankedCount), modelScores, head);
            }
            else
            {
                ranker.Score(request, candidates.AsSpan(0, rankedCount), head);
            }

            LowerTail(scores.AsSpan(0, known), rankedCount);
            for (var i = 0; i < known; i++)
            {
                ranked[i] = new RankedCandidate(candidates[i], scores[i], facts[i]);
            }

            var composed = _reranker.Rerank(request, ranked.AsSpan(0, known), count);
            var items = new FeedItem[composed.Count];
            var impressions = new EngagementEvent[composed.Count];
            var nextBloom = (byte[])bloom.Clone();
            for (var i = 0; i < items.Length; i++)
            {
                var pick = composed.Items[i];
                items[i] = new FeedItem(pick.VideoId, pick.CreatorId, pick.Candidate.Origin, pick.Score, i);
                impressions[i] = new EngagementEvent(ImpressionIds.For(userId, session, pageNumber, i, pageTimeMs), userId, pick.VideoId, EventKind.Impression, now);
                FeedCursor.AddServed(nextBloom, pick.VideoId);
            }

            var next = FeedCursor.Encode(new FeedCursorState(userId, session, pageNumber + 1, now.ToUnixTimeMilliseconds(), nextBloom), _key.Key);
            var rankerVersion = ranker is IVersionedRanker versioned ? versioned.Version : ranker.GetType().Name;
            return (new FeedPage(userId, pageNumber, items, next, _model.Version, rankerVersion, cold), impressions);
        }
        finally
        {
            ArrayPool<Candidate>.Shared.Return(candidates);
            ArrayPool<VideoFacts>.Shared.Return(facts, clearArray: true);
            ArrayPool<float>.Shared.Return(scores);
            ArrayPool<RankedCandidate>.Shared.Return(ranked, clearArray: true);
        }
    }

    /// <summary>
    /// Orders the candidates by model score (source score in cold start), best first, so the ranker only needs the
    /// head: returns how many go through the ranker (<see cref="FeedOptions.RankTopK"/>, or all) and whether the
    /// pre-scores are the model scores (a known user). The pre-scores are left in <paramref name="scores"/> (the
    /// tail's for <see cref="LowerTail"/>).
    /// </summary>
    private (int Ranked, bool ModelScored) PreRank(IRanker ranker, FeedRequest request, bool cold, Span<Candidate> candidates, Span<VideoFacts> facts, Span<float> scores)
    {
        var topK = _options.RankTopK;
        // The model-score ranker needs no pre-rank: it is the pre-rank.
        if (topK == 0 || candidates.Length <= topK || ranker is ModelScoreRanker)
        {
            return (candidates.Length, false);
        }

        if (cold)
        {
            for (var i = 0; i < candidates.Length; i++)
            {
                scores[i] = candidates[i].SourceScore;
            }
        }
        else
        {
            ModelScores.Fill(_model, request.UserId, candidates, scores);
        }

        // Sort descending by pre-score, carrying candidates and facts along (~350 items: an index sort is cheap).
        var order = ArrayPool<int>.Shared.Rent(candidates.Length);
        var keys = ArrayPool<float>.Shared.Rent(candidates.Length);
        var tmpCandidates = ArrayPool<Candidate>.Shared.Rent(candidates.Length);
        var tmpFacts = ArrayPool<VideoFacts>.Shared.Rent(candidates.Length);
        try
        {
            for (var i = 0; i < candidates.Length; i++)
            {
                order[i] = i;
                keys[i] = -scores[i];
            }

            keys.AsSpan(0, candidates.Length).Sort(order.AsSpan(0, candidates.Length));
            candidates.CopyTo(tmpCandidates);
            facts.CopyTo(tmpFacts);
            for (var i = 0; i < candidates.Length; i++)
            {
                candidates[i] = tmpCandidates[order[i]];
                facts[i] = tmpFacts[order[i]];
                scores[i] = -keys[i];
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(order);
            ArrayPool<float>.Shared.Return(keys);
            ArrayPool<Candidate>.Shared.Return(tmpCandidates, clearArray: true);
            ArrayPool<VideoFacts>.Shared.Return(tmpFacts, clearArray: true);
        }

        return (topK, !cold);
    }

    /// <summary>Puts the unranked tail just below every ranked score (steps of 0.001), keeping its pre-rank order.</summary>
    private static void LowerTail(Span<float> scores, int rankedCount)
    {
        if (rankedCount >= scores.Length)
        {
            return;
        }

        var floor = float.PositiveInfinity;
        for (var i = 0; i < rankedCount; i++)
        {
            if (float.IsFinite(scores[i]))
            {
                floor = Math.Min(floor, scores[i]);
            }
        }

        floor = float.IsFinite(floor) ? floor : 0;
        for (var i = rankedCount; i < scores.Length; i++)
        {
            // Strictly decreasing below the floor, in pre-rank order (the tail is already sorted best first).
            scores[i] = floor - (0.001f * (i - rankedCount + 1));
        }
    }

    private async Task AppendAsync(EngagementEvent[] impressions, CancellationToken cancellationToken)
    {
        if (impressions.Length == 0)
        {
            return;
        }

        var result = await _events.AppendAsync(impressions, cancellationToken).ConfigureAwait(false);
        _listener?.OnImpressionsAppended(result, impressions);
    }

    private string? CheckCursor(string cursor, long userId, long nowMs, out FeedCursorState? state)
    {
        var problem = FeedCursor.TryDecode(cursor, _key.Key, out state);
        if (problem is not null)
        {
            return problem;
        }

        if (state!.UserId != userId)
        {
            return "cursor was issued to another user; start again without a cursor.";
        }

        if (state.Page < 1)
        {
            return "cursor names no valid page; start again without a cursor.";
        }

        if (nowMs - state.IssuedAtMs > (long)_options.CursorLifetime.TotalMilliseconds)
        {
            return $"cursor expired (older than {_options.CursorLifetime.TotalHours:0.##} h); start again without a cursor.";
        }

        if (state.IssuedAtMs - nowMs > (long)ClockSkew.TotalMilliseconds)
        {
            return "cursor was issued in the future; start again without a cursor.";
        }

        return null;
    }

    /// <summary>Session id of a new paging session: keyed hash of (user, time), so ids are unguessable yet reproducible under a test clock.</summary>
    private ulong NewSession(long userId, long nowMs)
    {
        Span<byte> input = stackalloc byte[16];
        BinaryPrimitives.WriteInt64LittleEndian(input, userId);
        BinaryPrimitives.WriteInt64LittleEndian(input[8..], nowMs);
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_key.Key, input, mac);
        return BinaryPrimitives.ReadUInt64LittleEndian(mac);
    }
}
