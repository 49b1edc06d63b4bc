namespace Whisper.World.Generation;

/// <summary>
/// Deterministic synthetic world: the constructor draws the hidden model (<see cref="Truth"/>) and the catalog's
/// structure; <see cref="BuildCatalog"/> materialises the catalog rows and <see cref="GenerateEvents"/> streams the
/// simulated sessions. Same <see cref="WorldOptions"/> (seed included) → the same catalog and event stream, byte for byte,
/// on the same runtime and CPU family (see docs/world.md, "Determinism"). Not thread-safe; one generator per thread.
/// </summary>
public sealed partial class WorldGenerator
{
    // Random stream tags: each purpose draws from its own stream, so changing one part leaves the others identical.
    private const ulong TopicsTag = 0x01;
    private const ulong CreatorsTag = 0x02;
    private const ulong UsersTag = 0x03;
    private const ulong VideosTag = 0x04;
    private const ulong TrendsTag = 0x05;
    private const ulong FollowsTag = 0x06;
    private const ulong ProductsTag = 0x07;
    private const ulong LiveTag = 0x08;
    private const ulong SessionTag = 0x09;
    private const ulong HashtagTag = 0x0A;

    private const long MsPerDay = 86_400_000L;

    private readonly WorldOptions _options;
    private readonly int _users;
    private readonly int _videos;
    private readonly int _creators;
    private readonly int _topics;
    private readonly int _dims;

    // Users.
    private readonly byte[] _declared;
    private readonly byte[] _ipCountry;
    private readonly byte[] _phone;
    private readonly byte[] _residence;
    private readonly ulong[] _ipBits;
    private readonly long[] _userCreatedMs; // relative to Start, negative (before the period)
    private readonly float[] _userTopicCdf; // [user * topics + t], cumulative, last = 1

    // Creators.
    private readonly int[] _creatorUser;
    private readonly short[] _creatorNiche; // [creator * 2 + k]: primary, secondary topic
    private readonly float[] _creatorLogPopularity;
    private readonly int[] _creatorVideoStart; // CSR over _creatorVideoList
    private readonly int[] _creatorVideoList;
    private readonly int[] _creatorProductStart; // CSR: products of creator c are _creatorProductStart[c].._creatorProductStart[c+1]

    // Videos.
    private readonly int[] _videoDuration;
    private readonly long[] _videoPublishedMs; // relative to Start

    // Products.
    private readonly long[] _productPrice;
    private readonly byte[] _productCountry;

    // Sampling.
    private readonly AliasTable _topicPopularity;
    private readonly AliasTable _videoPopularity;
    private readonly AliasTable[] _videosOfTopic;
    private readonly int[][] _videosOfTopicList;
    private readonly AliasTable _creatorPopularity;
    private readonly AliasTable[] _creatorsOfTopic;
    private readonly int[][] _creatorsOfTopicList;

    // Initial follow graph (before the period): CSR user → creators.
    private readonly int[] _followStart;
    private readonly int[] _followList;
    private readonly long[] _followCreatedMs;

    /// <summary>Checks the options (throws <see cref="WorldOptionsException"/> listing every problem) and draws the hidden model.</summary>
    public WorldGenerator(WorldOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.EnsureValid();
        _options = options;
        _users = options.Users;
        _videos = options.Videos;
        _creators = options.EffectiveCreators;
        _topics = options.Topics;
        _dims = options.LatentDimensions;

        var topicVectors = DrawTopics(out _topicPopularity);
        var (trends, trendLevels) = DrawTrends();
        var popularity = DrawCreators(out _creatorUser, out _creatorNiche, out _creatorLogPopularity);
        _creatorPopularity = new AliasTable(Array.ConvertAll(popularity, p => (double)p));
        (_creatorsOfTopicList, _creatorsOfTopic) = IndexCreatorsByTopic(popularity);

        _declared = new byte[_users];
        _ipCountry = new byte[_users];
        _phone = new byte[_users];
        _residence = new byte[_users];
        _ipBits = new ulong[_users];
        _userCreatedMs = new long[_users];
        var tastes = new float[(long)_users * _dims];
        var activity = new float[_users];
        _userTopicCdf = new float[(long)_users * _topics];
        DrawUsers(topicVectors, tastes, activity);

        var videoVectors = new float[(long)_videos * _dims];
        var topicIds = new short[(long)_videos * GroundTruth.MaxTopicsPerVideo];
        var topicWeights = new float[topicIds.Length];
        var videoCreators = new int[_videos];
        _videoDuration = new int[_videos];
        _videoPublishedMs = new long[_videos];
        DrawVideos(popularity, topicVectors, videoVectors, topicIds, topicWeights, videoCreators);
        (_creatorVideoStart, _creatorVideoList) = Csr(_creators, videoCreators);

        var videoWeights = new double[_videos];
        for (var v = 0; v < _videos; v++)
        {
            videoWeights[v] = popularity[videoCreators[v]];
        }

        _videoPopularity = new AliasTable(videoWeights);
        (_videosOfTopicList, _videosOfTopic) = IndexVideosByTopic(topicIds, topicWeights, videoWeights);
        (_followStart, _followList, _followCreatedMs) = DrawInitialFollows();
        (_creatorProductStart, _productPrice, _productCountry) = DrawProducts();

        Truth = new GroundTruth(options, _users, _videos, _creators, topicVectors, tastes, activity, videoVectors,
            topicIds, topicWeights, videoCreators, popularity, trends, trendLevels);
    }

    public WorldOptions Options => _options;

    /// <summary>The hidden model; save it with <see cref="GroundTruth.Save"/> for evaluation.</summary>
    public GroundTruth Truth { get; }

    private static (int[] Start, int[] List) Csr(int groups, int[] groupOf)
    {
        var start = new int[groups + 1];
        foreach (var g in groupOf)
        {
            start[g + 1]++;
        }

        for (var i = 0; i < groups; i++)
        {
            start[i + 1] += start[i];
        }

        var cursor = (int[])start.Clone();
        var list = new int[groupOf.Length];
        for (var i = 0; i < groupOf.Length; i++)
        {
            list[cursor[groupOf[i]]++] = i;
        }

        return (start, list);
    }

    private static float Sigmoid(double x) => (float)(1.0 / (1.0 + Math.Exp(-x)));

    private static void Normalise(Span<float> v)
    {
        double sum = 0;
        foreach (var x in v)
        {
            sum += x * x;
        }

        var scale = sum > 0 ? (float)(1.0 / Math.Sqrt(sum)) : 0f;
        for (var i = 0; i < v.Length; i++)
        {
            v[i] *= scale;
        }
    }
}
