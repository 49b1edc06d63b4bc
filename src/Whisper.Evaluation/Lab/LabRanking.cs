using Whisper.Evaluation.Metrics;
using Whisper.FeatureStore.Definitions;
using Whisper.FeatureStore.Online;

namespace Whisper.Evaluation.Lab;

/// <summary>
/// How a lab region ranks, prepared once per (world, region): per video the model's vector and bias (a row past the
/// contract's embedding-row TTL is served as missing) and the popularity prior read from the region's online store
/// under its TTLs; per request the user tower at the user's last training hour, minus the recent-history component
/// when the user is in flight but the region holds no session, then either every video or the exact top-budget by
/// model score, ranked by model score + prior with the user's training positives excluded. Thread-safe.
/// </summary>
public sealed class LabRanking
{
    /// <summary>The longest list a region returns (Recall@50 needs 50).</summary>
    public const int ListLength = 50;

    [ThreadStatic]
    private static Buffers? t_buffers;

    private readonly LabWorld _world;
    private readonly LabRegion _region;
    private readonly float[] _vectors;
    private readonly float[] _bias;
    private readonly bool[] _known;
    private readonly float[] _prior;
    private readonly long _userRowTtl;

    private LabRanking(LabWorld world, LabRegion region)
    {
        _world = world;
        _region = region;
        var dataset = world.Dataset;
        var model = region.Snapshot.Model;
        var d = model.Dimension;
        var items = dataset.ItemCount;
        var registry = region.Registry;
        _userRowTtl = registry[registry.IdOf(LabContract.UserEmbeddingRow)].TtlMs;
        var videoRowTtl = registry[registry.IdOf(LabContract.VideoEmbeddingRow)].TtlMs;
        var views = registry.IdOf("video_views_24h");
        var likes = registry.IdOf("video_likes_24h");

        _vectors = new float[(long)items * d];
        _bias = new float[items];
        _known = new bool[items];
        _prior = new float[items];
        for (var item = 0; item < items; item++)
        {
            var id = dataset.ItemId(item);
            var seen = region.Snapshot.ItemLastSeen(item);
            _known[item] = (seen == LabSnapshot.None || FeatureFreshness.IsFresh(seen, world.Now, videoRowTtl))
                && dataset.Catalog.TryGetVideo(id, out var facts)
                && model.TryGetVideoVector(facts, _vectors.AsSpan(item * d, d), out _bias[item]);
            region.Store.TryRead(FeatureEntity.Video, id, views, out var v);
            region.Store.TryRead(FeatureEntity.Video, id, likes, out var l);
            _prior[item] = (float)(world.Options.PopularityWeight * (Math.Log(1 + Math.Max(0, v)) + Math.Log(1 + Math.Max(0, l))));
        }
    }

    public LabRegion Region => _region;

    public static LabRanking Prepare(LabWorld world, LabRegion region)
    {
        ArgumentNullException.ThrowIfNull(world);
        ArgumentNullException.ThrowIfNull(region);
        return new LabRanking(world, region);
    }

    /// <summary>Writes the dense user's list (dense item indexes, best first) into <paramref name="list"/>; returns its length.</summary>
    public int Rank(int user, Span<int> list)
    {
        var dataset = _world.Dataset;
        var model = _region.Snapshot.Model;
        var d = model.Dimension;
        var items = dataset.ItemCount;
        var buffers = t_buffers is { } cached && cached.Fits(d, items, _region.Budget) ? cached : t_buffers = new Buffers(d, items, _region.Budget);
        var userId = dataset.UserId(user);
        var userVector = buffers.User;
        var seen = _region.Snapshot.UserLastSeen(user);
        if ((seen != LabSnapshot.None && !FeatureFreshness.IsFresh(seen, _world.Now, _userRowTtl)) || !model.TryGetUserVector(userId, _world.UserHour(user), userVector))
        {
            userVector.AsSpan().Clear();
        }
        else if (_world.IsInFlight(user) && !_region.Sessions.TryGet(userId, out _) && model.TryGetHistoryVector(userId, buffers.History))
        {
            for (var k = 0; k < d; k++)
            {
                userVector[k] -= buffers.History[k]; // the recent-history state lives with the in-flight session
            }
        }

        var exclude = _world.Split.Training.PositivesOf(user);
        var candidates = buffers.Candidates;
        var count = 0;
        if (_region.Budget >= items)
        {
            for (var item = 0; item < items; item++)
            {
                candidates[count++] = item;
            }
        }
        else
        {
            var retrieval = new TopKHeap(buffers.RetrievalItems, buffers.RetrievalScores);
            for (var item = 0; item < items; item++)
            {
                if (_known[item] && exclude.BinarySearch(item) < 0)
                {
                    retrieval.Offer(item, _bias[item] + VectorMath.Dot(userVector, _vectors.AsSpan(item * d, d)));
                }
            }

            count = retrieval.Drain(candidates);
        }

        var length = Math.Min(list.Length, ListLength);
        var heap = new TopKHeap(buffers.HeapItems.AsSpan(0, length), buffers.HeapScores.AsSpan(0, length));
        for (var c = 0; c < count; c++)
        {
            var item = candidates[c];
            if (exclude.BinarySearch(item) >= 0)
            {
                continue;
            }

            heap.Offer(item, _prior[item] + (_known[item] ? _bias[item] + VectorMath.Dot(userVector, _vectors.AsSpan(item * d, d)) : 0f));
        }

        return heap.Drain(list);
    }

    private sealed class Buffers(int dimension, int items, int budget)
    {
        public float[] User { get; } = new float[dimension];

        public float[] History { get; } = new float[dimension];

        public int[] Candidates { get; } = new int[Math.Min(items, budget)];

        public int[] RetrievalItems { get; } = new int[Math.Min(items, budget)];

        public float[] RetrievalScores { get; } = new float[Math.Min(items, budget)];

        public int[] HeapItems { get; } = new int[ListLength];

        public float[] HeapScores { get; } = new float[ListLength];

        public bool Fits(int dimension, int items, int budget) => User.Length == dimension && Candidates.Length == Math.Min(items, budget);
    }
}
