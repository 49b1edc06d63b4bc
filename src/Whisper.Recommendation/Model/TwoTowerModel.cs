using Whisper.Recommendation.Catalog;
using Whisper.Recommendation.Embeddings;

namespace Whisper.Recommendation.Model;

/// <summary>
/// The two-tower retrieval model the online trainer writes and serving reads.
/// User tower = user + region + hour-of-day embeddings + recent-history vector (summed); video tower = video + creator + mean of hashtag
/// (<see cref="TopicKey"/>) embeddings; score = user · video + video bias + creator bias + global bias.
/// Sums instead of a concat-projection keep a step at ~7 row updates of <see cref="Dimension"/> floats.
/// <para>
/// Cold start falls out of the sum: a user without an admitted row still has region + hour, a video without one
/// still has creator + topics. Reads are lock-free (see <see cref="EmbeddingTable"/>): they may mix an update's old
/// and new weights, never throw. Serving reads take the hour from the <see cref="TimeProvider"/> given at
/// construction (UTC hour, as in training).
/// </para>
/// </summary>
public sealed class TwoTowerModel : IEmbeddingModel
{
    /// <summary>Hashtags beyond this many per video are ignored by the tower.</summary>
    public const int MaxTopicsPerVideo = 8;

    private readonly CatalogView _catalog;
    private readonly TimeProvider _clock;
    private long _position;

    public TwoTowerModel(TwoTowerOptions options, CatalogView catalog, TimeProvider? clock = null, string? lineage = null)
        : this(options, catalog, clock, lineage ?? NewLineage(), null)
    {
    }

    internal TwoTowerModel(TwoTowerOptions options, CatalogView catalog, TimeProvider? clock, string lineage, IReadOnlyList<EmbeddingTable>? tables)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(catalog);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException($"Invalid two-tower options: {string.Join(" ", problems)}", nameof(options));
        }

        Options = options;
        _catalog = catalog;
        _clock = clock ?? TimeProvider.System;
        Lineage = lineage;
        var all = tables ?? [.. options.TableOptions().Select(o => new EmbeddingTable(o))];
        Users = all[0];
        Regions = all[1];
        Hours = all[2];
        Videos = all[3];
        Creators = all[4];
        Topics = all[5];
        History = all[6];
    }

    public TwoTowerOptions Options { get; }

    /// <summary>Identifies one training run from scratch; kept across checkpoints and resumes, new on retrain.</summary>
    public string Lineage { get; }

    public int Dimension => Options.Dimension;

    /// <summary><c>two-tower/&lt;lineage&gt;</c>: equal for a run and its resumes, distinct for each retrain from scratch.</summary>
    public string Version => $"two-tower/{Lineage}";

    public long Position => Volatile.Read(ref _position);

    /// <summary>The catalog the towers read video facts and user regions from.</summary>
    public CatalogView Catalog => _catalog;

    /// <summary>Per-table counters (rows, admissions, evictions, refusals, bytes), in checkpoint order.</summary>
    public IReadOnlyList<EmbeddingTableStats> TableStats => [.. AllTables.Select(t => t.Stats)];

    internal EmbeddingTable Users { get; }

    internal EmbeddingTable Regions { get; }

    internal EmbeddingTable Hours { get; }

    internal EmbeddingTable Videos { get; }

    internal EmbeddingTable Creators { get; }

    internal EmbeddingTable Topics { get; }

    /// <summary>Per user, the decayed mean of the towers of their recent positive videos (see <see cref="TwoTowerOptions.HistoryDecay"/>).</summary>
    internal EmbeddingTable History { get; }

    internal IReadOnlyList<EmbeddingTable> AllTables => [Users, Regions, Hours, Videos, Creators, Topics, History];

    internal float GlobalBias;

    internal float GlobalBiasAccumulator = 0.1f;

    public bool TryGetUserVector(long userId, Span<float> destination) =>
        TryGetUserVector(userId, _clock.GetUtcNow().Hour, destination);

    /// <summary>The user tower at a given UTC hour (0..23).</summary>
    public bool TryGetUserVector(long userId, int hourOfDay, Span<float> destination)
    {
        var d = Dimension;
        destination = destination[..d];
        destination.Clear();
        var hasUser = Users.TryGetRow(userId, out var row);
        if (hasUser)
        {
            VectorMath.Add(destination, Users.Weights(row)[..d]);
        }
        else if (!_catalog.IsKnownUser(userId))
        {
            return false;
        }

        var any = hasUser;
        if (History.TryGetRow(userId, out row))
        {
            VectorMath.Add(destination, History.Weights(row)[..d]);
            any = true;
        }

        if (Regions.TryGetRow(RegionKey(_catalog.RegionOfUser(userId)), out row))
        {
            VectorMath.Add(destination, Regions.Weights(row)[..d]);
            any = true;
        }

        if (Hours.TryGetRow(HourKey(hourOfDay), out row))
        {
            VectorMath.Add(destination, Hours.Weights(row)[..d]);
            any = true;
        }

        return any;
    }

    /// <summary>
    /// The user's recent-history component of the user tower alone (already included by <see cref="TryGetUserVector(long, int, Span{float})"/>);
    /// false and zeros when the user has none. Lets a caller serve the tower without in-flight history state.
    /// </summary>
    public bool TryGetHistoryVector(long userId, Span<float> destination)
    {
        var d = Dimension;
        destination = destination[..d];
        destination.Clear();
        if (!History.TryGetRow(userId, out var row))
        {
            return false;
        }

        VectorMath.Add(destination, History.Weights(row)[..d]);
        return true;
    }

    public bool TryGetVideoVector(long videoId, Span<float> destination) =>
        _catalog.TryGetVideo(videoId, out var facts) ? TryGetVideoVector(facts, destination, out _) : ClearAndFail(destination, Dimension);

    /// <summary>The video tower for known facts; <paramref name="bias"/> is video + creator bias.</summary>
    public bool TryGetVideoVector(VideoFacts facts, Span<float> destination, out float bias)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var d = Dimension;
        destination = destination[..d];
        destination.Clear();
        bias = 0;
        var any = false;
        if (Videos.TryGetRow(facts.Id, out var row))
        {
            var w = Videos.Weights(row);
            VectorMath.Add(destination, w[..d]);
            bias += w[d];
            any = true;
        }

        if (Creators.TryGetRow(facts.CreatorId, out row))
        {
            var w = Creators.Weights(row);
            VectorMath.Add(destination, w[..d]);
            bias += w[d];
            any = true;
        }

        var topics = facts.TopicKeys;
        var n = Math.Min(topics.Length, MaxTopicsPerVideo);
        if (n > 0)
        {
            Span<float> sum = stackalloc float[d];
            var found = 0;
            for (var i = 0; i < n; i++)
            {
                if (Topics.TryGetRow(topics[i], out row))
                {
                    VectorMath.Add(sum, Topics.Weights(row)[..d]);
                    found++;
                }
            }

            if (found > 0)
            {
                // Mean over the video's hashtags (missing rows count as zero vectors), as in training.
                VectorMath.AddScaled(destination, sum, 1f / n);
                any = true;
            }
        }

        return any;
    }

    public float Score(long userId, long videoId)
    {
        var d = Dimension;
        Span<float> user = stackalloc float[d];
        Span<float> video = stackalloc float[d];
        var hasUser = TryGetUserVector(userId, user);
        var videoBias = 0f;
        var hasVideo = _catalog.TryGetVideo(videoId, out var facts) && TryGetVideoVector(facts, video, out videoBias);
        return hasUser || hasVideo ? VectorMath.Dot(user, video) + videoBias + GlobalBias : 0f;
    }

    /// <summary>
    /// <see cref="Score(long, long)"/> for many videos of one user: the user tower is computed once (at the clock's
    /// current hour) and each video costs its tower plus one dot product. Bit-identical to calling
    /// <see cref="Score(long, long)"/> per video within the same hour; <paramref name="scores"/> has at least
    /// <paramref name="videoIds"/>' length.
    /// </summary>
    public void ScoreMany(long userId, ReadOnlySpan<long> videoIds, Span<float> scores)
    {
        if (scores.Length < videoIds.Length)
        {
            throw new ArgumentException($"scores holds {scores.Length} values; {videoIds.Length} are needed.", nameof(scores));
        }

        var d = Dimension;
        Span<float> user = stackalloc float[d];
        var hasUser = TryGetUserVector(userId, user);
        ScoreMany(user, hasUser, videoIds, scores);
    }

    /// <summary>
    /// Scores videos against a user tower output already computed by <see cref="TryGetUserVector(long, Span{float})"/>
    /// (<paramref name="hasUser"/> is what it returned): the same value <see cref="Score(long, long)"/> gives for the pair.
    /// </summary>
    public void ScoreMany(ReadOnlySpan<float> userVector, bool hasUser, ReadOnlySpan<long> videoIds, Span<float> scores)
    {
        var d = Dimension;
        if (userVector.Length < d)
        {
            throw new ArgumentException($"The user vector has {userVector.Length} values; the model's dimension is {d}.", nameof(userVector));
        }

        if (scores.Length < videoIds.Length)
        {
            throw new ArgumentException($"scores holds {scores.Length} values; {videoIds.Length} are needed.", nameof(scores));
        }

        var user = userVector[..d];
        Span<float> video = stackalloc float[d];
        for (var i = 0; i < videoIds.Length; i++)
        {
            var videoBias = 0f;
            var hasVideo = false;
            if (_catalog.TryGetVideo(videoIds[i], out var facts))
            {
                hasVideo = TryGetVideoVector(facts, video, out videoBias);
            }
            else
            {
                video.Clear();
            }

            scores[i] = hasUser || hasVideo ? VectorMath.Dot(user, video) + videoBias + GlobalBias : 0f;
        }
    }

    internal void SetPosition(long position) => Volatile.Write(ref _position, position);

    internal static long RegionKey(string region) => region switch
    {
        Whisper.Core.Domain.Regions.Us => 1,
        Whisper.Core.Domain.Regions.Europe => 2,
        Whisper.Core.Domain.Regions.AsiaPacific => 3,
        Whisper.Core.Domain.Regions.LatinAmerica => 4,
        _ => 5,
    };

    internal static long HourKey(int hourOfDay) => 1 + (((hourOfDay % 24) + 24) % 24);

    private static bool ClearAndFail(Span<float> destination, int d)
    {
        destination[..d].Clear();
        return false;
    }

    private static string NewLineage() => Guid.NewGuid().ToString("N")[..12];
}
