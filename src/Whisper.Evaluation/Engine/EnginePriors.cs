using Whisper.Core.Domain;
using Whisper.Evaluation.Splits;
using Whisper.Recommendation.Catalog;
using Whisper.Recommendation.Ranking;

namespace Whisper.Evaluation.Engine;

/// <summary>
/// The serving signals the engine has in production besides the model, computed from a training set as of its last
/// event: time-decayed popularity of each video (the trending source's idea: each positive adds 2^−age/halfLife) at
/// several half-lives; the ranker's video engagement features (<see cref="RankingFeatures"/>: ln(1 + impressions),
/// smoothed long-watch and like rates, from the engine's <see cref="EngagementCounters"/> fed every training event);
/// and which creators each user followed (follow events of the training set — the catalog's follow table is the final
/// state and would leak later follows). Each item feature is also kept as a z-score over the item universe.
/// </summary>
internal sealed class EnginePriors
{
    /// <summary>Half-lives of the decayed-popularity features, fixed a priori: the trending source's 6 h, a day, a week.</summary>
    public static readonly TimeSpan[] HalfLives = [TimeSpan.FromHours(6), TimeSpan.FromDays(1), TimeSpan.FromDays(7)];

    /// <summary>The item-only features, in order: decayed popularity per <see cref="HalfLives"/>, then the ranker's video features.</summary>
    public static readonly IReadOnlyList<string> ItemFeatureNames =
        ["pop6h", "pop1d", "pop7d", "videoImpressionsLog", "videoLongWatchRate", "videoLikeRate"];

    private static readonly int[] RankerFeatures =
        [RankingFeatures.VideoImpressionsLog, RankingFeatures.VideoLongWatchRate, RankingFeatures.VideoLikeRate];

    /// <summary>Per item, the raw item features: item-major, <see cref="ItemFeatureNames"/> per item.</summary>
    public float[] ItemFeatures { get; }

    /// <summary><see cref="ItemFeatures"/> standardised per feature over every item of the universe (a constant feature is 0).</summary>
    public float[] ItemZScores { get; }

    /// <summary>Per user, followed creator indexes (ascending), empty for most users.</summary>
    public int[][] Follows { get; }

    /// <summary>Time of the last training event (Unix ms): the "now" of the priors.</summary>
    public long NowMs { get; }

    private EnginePriors(float[] features, float[] z, int[][] follows, long nowMs) =>
        (ItemFeatures, ItemZScores, Follows, NowMs) = (features, z, follows, nowMs);

    public static EnginePriors Compute(TrainingSet training)
    {
        var dataset = training.Dataset;
        var events = dataset.Events;
        var indexes = training.EventIndexes;
        var now = long.MinValue;
        foreach (var i in indexes)
        {
            now = Math.Max(now, events[i].TimeMs);
        }

        var h = HalfLives.Length;
        var counts = new double[(long)dataset.ItemCount * h];
        var follows = new List<int>?[dataset.UserCount];
        var counters = new EngagementCounters(dataset.Catalog, dataset.Relevance.LongWatchFraction);
        foreach (var i in indexes)
        {
            ref readonly var e = ref events[i];
            if (e.IsPositive)
            {
                var age = Math.Max(0, now - e.TimeMs);
                for (var k = 0; k < h; k++)
                {
                    counts[(e.Item * h) + k] += double.Exp2(-age / HalfLives[k].TotalMilliseconds);
                }
            }

            if (e.Kind == EventKind.Follow && dataset.CreatorOf(e.Item) is var creator and >= 0)
            {
                (follows[e.User] ??= []).Add(creator);
            }

            counters.Observe(new EngagementEvent(Guid.Empty, dataset.UserId(e.User), dataset.ItemId(e.Item), e.Kind, DateTimeOffset.FromUnixTimeMilliseconds(e.TimeMs), e.WatchTimeMs));
        }

        var f = ItemFeatureNames.Count;
        var features = new float[(long)dataset.ItemCount * f];
        Span<float> row = stackalloc float[RankingFeatures.Count];
        var noVideo = new VideoFacts(0, 0, 0, 0, [], "");
        for (var item = 0; item < dataset.ItemCount; item++)
        {
            for (var k = 0; k < h; k++)
            {
                features[(item * f) + k] = (float)Math.Log(1 + counts[(item * h) + k]);
            }

            // The ranker's own feature writer, so these are the values its video features would have.
            var videoId = dataset.ItemId(item);
            var facts = dataset.Catalog.TryGetVideo(videoId, out var known) ? known : noVideo;
            RankingFeatures.Write(row, 0f, default, 0f, facts, now, false, "", counters.Video(videoId), counters.Creator(facts.CreatorId));
            for (var k = 0; k < RankerFeatures.Length; k++)
            {
                features[(item * f) + h + k] = row[RankerFeatures[k]];
            }
        }

        var lists = new int[dataset.UserCount][];
        for (var u = 0; u < lists.Length; u++)
        {
            lists[u] = follows[u] is { } list ? [.. list.Distinct().Order()] : [];
        }

        return new EnginePriors(features, Standardise(features, f), lists, now);
    }

    /// <summary>Whether <paramref name="user"/> followed <paramref name="creator"/> (a dense creator index, −1 = none).</summary>
    public bool FollowsCreator(int user, int creator) =>
        creator >= 0 && Follows[user].Length > 0 && Array.BinarySearch(Follows[user], creator) >= 0;

    private static float[] Standardise(float[] features, int f)
    {
        var n = features.Length / f;
        var z = new float[features.Length];
        for (var k = 0; k < f; k++)
        {
            double sum = 0, squares = 0;
            for (var item = 0; item < n; item++)
            {
                var x = features[(item * f) + k];
                sum += x;
                squares += (double)x * x;
            }

            var mean = sum / Math.Max(1, n);
            var sd = Math.Sqrt(Math.Max(0, (squares / Math.Max(1, n)) - (mean * mean)));
            for (var item = 0; item < n; item++)
            {
                z[(item * f) + k] = sd > 1e-9 ? (float)((features[(item * f) + k] - mean) / sd) : 0f;
            }
        }

        return z;
    }
}
