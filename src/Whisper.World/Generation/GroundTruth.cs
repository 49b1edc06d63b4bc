namespace Whisper.World.Generation;

/// <summary>
/// The hidden model a world was generated from: latent user tastes, topic and video vectors, creator popularity and
/// trend curves. Evaluation reads it to score a recommender against the truth (e.g. ideal rankings by
/// <see cref="Affinity"/>). Ids are the store's ids (1-based); arrays are 0-based underneath.
/// Save with <see cref="Save"/>, read back with <see cref="Load"/>; the file format is in docs/world.md.
/// </summary>
public sealed partial class GroundTruth
{
    /// <summary>Videos carry at most this many topics.</summary>
    public const int MaxTopicsPerVideo = 3;

    private readonly float[] _topicVectors;
    private readonly float[] _userTastes;
    private readonly float[] _userActivity;
    private readonly float[] _videoVectors;
    private readonly short[] _videoTopicIds;
    private readonly float[] _videoTopicWeights;
    private readonly int[] _videoCreators;
    private readonly float[] _creatorPopularity;
    private readonly TrendCurve[] _trends;
    private readonly float[] _trendLevels;

    internal GroundTruth(
        WorldOptions options,
        int users,
        int videos,
        int creators,
        float[] topicVectors,
        float[] userTastes,
        float[] userActivity,
        float[] videoVectors,
        short[] videoTopicIds,
        float[] videoTopicWeights,
        int[] videoCreators,
        float[] creatorPopularity,
        TrendCurve[] trends,
        float[] trendLevels)
    {
        Options = options;
        Users = users;
        Videos = videos;
        Creators = creators;
        Topics = options.Topics;
        Dimensions = options.LatentDimensions;
        Days = options.Days;
        _topicVectors = topicVectors;
        _userTastes = userTastes;
        _userActivity = userActivity;
        _videoVectors = videoVectors;
        _videoTopicIds = videoTopicIds;
        _videoTopicWeights = videoTopicWeights;
        _videoCreators = videoCreators;
        _creatorPopularity = creatorPopularity;
        _trends = trends;
        _trendLevels = trendLevels;
    }

    /// <summary>The options (seed included) the world was generated with.</summary>
    public WorldOptions Options { get; }

    public int Users { get; }

    public int Videos { get; }

    public int Creators { get; }

    public int Topics { get; }

    public int Dimensions { get; }

    public int Days { get; }

    /// <summary>Trends over the period, in generation order.</summary>
    public IReadOnlyList<TrendCurve> Trends => _trends;

    /// <summary>Name of a topic (0-based), also the hashtag videos on it carry.</summary>
    public static string TopicName(int topic) => TopicNames.Get(topic);

    /// <summary>Unit vector of a topic (0-based).</summary>
    public ReadOnlySpan<float> TopicVector(int topic) => _topicVectors.AsSpan(topic * Dimensions, Dimensions);

    /// <summary>Latent taste of a user (unit length).</summary>
    public ReadOnlySpan<float> UserTaste(long userId) => _userTastes.AsSpan(checked((int)(userId - 1)) * Dimensions, Dimensions);

    /// <summary>The user's mean sessions per day.</summary>
    public float UserActivity(long userId) => _userActivity[userId - 1];

    /// <summary>Latent vector of a video: the weighted, normalised sum of its topics' vectors.</summary>
    public ReadOnlySpan<float> VideoVector(long videoId) => _videoVectors.AsSpan(checked((int)(videoId - 1)) * Dimensions, Dimensions);

    /// <summary>Writes the video's topics (0-based, strongest first) and returns how many (1..3).</summary>
    public int VideoTopics(long videoId, Span<int> topics, Span<float> weights)
    {
        var baseIndex = checked((int)(videoId - 1)) * MaxTopicsPerVideo;
        var n = 0;
        for (var k = 0; k < MaxTopicsPerVideo; k++)
        {
            var t = _videoTopicIds[baseIndex + k];
            if (t < 0)
            {
                break;
            }

            topics[n] = t;
            weights[n] = _videoTopicWeights[baseIndex + k];
            n++;
        }

        return n;
    }

    /// <summary>The creator who published the video.</summary>
    public long VideoCreator(long videoId) => _videoCreators[videoId - 1] + 1L;

    /// <summary>Creator popularity: heavy-tailed (Zipf over a random rank order), mean 1 over creators.</summary>
    public float CreatorPopularity(long creatorId) => _creatorPopularity[creatorId - 1];

    /// <summary>Summed trend level of a topic on a day (0-based), at noon; 0 when no trend touches it.</summary>
    public float TrendLevel(int topic, int day) => _trendLevels[(day * Topics) + topic];

    /// <summary>True affinity of a user for a video: taste · video vector, in [−1, 1].</summary>
    public float Affinity(long userId, long videoId) => Dot(UserTaste(userId), VideoVector(videoId));

    internal ReadOnlySpan<float> TopicVectorsRaw => _topicVectors;

    internal float[] UserTastesRaw => _userTastes;

    internal float[] VideoVectorsRaw => _videoVectors;

    internal short[] VideoTopicIdsRaw => _videoTopicIds;

    internal float[] VideoTopicWeightsRaw => _videoTopicWeights;

    internal int[] VideoCreatorsRaw => _videoCreators;

    internal float[] CreatorPopularityRaw => _creatorPopularity;

    internal float[] UserActivityRaw => _userActivity;

    internal float[] TrendLevelsRaw => _trendLevels;

    internal static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        // Scalar on purpose: 16 dims is too short for SIMD setup to pay off, and a fixed summation order keeps
        // results identical on every CPU (determinism).
        float sum = 0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }
}
