using Whisper.Recommendation.Embeddings;

namespace Whisper.Recommendation.Model;

/// <summary>
/// Shape and learning settings of the two-tower model. Everything that changes trained values is here, so
/// (options, log) determines the model bit for bit; checkpoints store these and resume refuses a mismatch.
/// </summary>
public sealed record TwoTowerOptions
{
    /// <summary>
    /// 0.8: the one definition of a long watch, shared with evaluation (<c>RelevanceRule</c>), so the trainer learns
    /// the positives it is judged on. On MovieLens imports (watch = rating / 5 · duration) it is exactly rating ≥ 4.
    /// </summary>
    public const float DefaultLongWatchFraction = 0.8f;

    /// <summary>Tower output length (and every embedding's).</summary>
    public int Dimension { get; init; } = 32;

    /// <summary>Seeds row initialisation and negative sampling.</summary>
    public long Seed { get; init; } = 1;

    /// <summary>Adagrad learning rate for every parameter.</summary>
    public float LearningRate { get; init; } = 0.05f;

    /// <summary>Initial weights are uniform in ±InitScale.</summary>
    public float InitScale { get; init; } = 0.05f;

    /// <summary>Sightings (labelled events) before a user gets its own row; before that the user tower is region + hour.</summary>
    public int UserAdmitAfter { get; init; } = 2;

    /// <summary>Sightings before a video gets its own row; before that the video tower is creator + topics.</summary>
    public int VideoAdmitAfter { get; init; } = 2;

    /// <summary>User and video rows unused this long (event time) are evicted; null keeps them. Creators and topics never expire.</summary>
    public TimeSpan? Ttl { get; init; } = TimeSpan.FromDays(30);

    /// <summary>How often (event time) the trainer sweeps expired rows.</summary>
    public TimeSpan SweepInterval { get; init; } = TimeSpan.FromHours(1);

    public int MaxUsers { get; init; } = 1 << 22;

    public int MaxVideos { get; init; } = 1 << 22;

    public int MaxCreators { get; init; } = 1 << 20;

    public int MaxTopics { get; init; } = 1 << 20;

    /// <summary>Pending-count entries per table with a frequency filter (20 bytes each).</summary>
    public int MaxPending { get; init; } = 1 << 18;

    /// <summary>A view is a long watch (positive) when watch time ≥ this fraction of the video's duration; shorter views are negatives.</summary>
    public float LongWatchFraction { get; init; } = DefaultLongWatchFraction;

    public float LongWatchWeight { get; init; } = 1f;

    public float LikeWeight { get; init; } = 2f;

    public float ShareWeight { get; init; } = 3f;

    public float CommentWeight { get; init; } = 1.5f;

    public float FollowWeight { get; init; } = 3f;

    public float SkipWeight { get; init; } = 1f;

    public float ShortViewWeight { get; init; } = 0.5f;

    /// <summary>Negatives sampled per positive from the recent-exposure pool.</summary>
    public int NegativesPerPositive { get; init; } = 2;

    public float SampledNegativeWeight { get; init; } = 0.3f;

    /// <summary>Recent view/skip video ids kept for negative sampling (a ring, checkpointed).</summary>
    public int NegativePoolSize { get; init; } = 4096;

    /// <summary>
    /// Weight γ of the newest positive in the user's history vector h ← (1 − γ)·h + γ·v, where v is the tower of the
    /// video the user just engaged with (a decayed mean of recent positives, YouTube-DNN style). The user tower adds h.
    /// 0 turns the history feature off (h stays absent).
    /// </summary>
    public float HistoryDecay { get; init; } = 0.25f;

    /// <summary>
    /// L2 penalty (weight decay) λ: every Adagrad step on a user, region, hour, video, creator or topic row adds λ·w to
    /// that row's gradient (embedding and bias), so only rows an event touches decay. 0 (the default) is today's
    /// unregularised trainer, bit for bit.
    /// </summary>
    public float L2 { get; init; }

    /// <summary>The training objective for positives; <see cref="TrainingLoss.Pointwise"/> by default.</summary>
    public TrainingLoss Loss { get; init; } = TrainingLoss.Pointwise;

    /// <summary>Where sampled negatives come from; <see cref="NegativeSampling.Exposure"/> (the recent-exposure ring) by default.</summary>
    public NegativeSampling NegativeSampling { get; init; } = NegativeSampling.Exposure;

    /// <summary>Every problem at once, each naming the option and the fix; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Dimension is < 1 or > EmbeddingTableOptions.MaxDimension)
        {
            problems.Add($"Dimension must be 1..{EmbeddingTableOptions.MaxDimension} (got {Dimension}).");
        }

        if (!(LearningRate > 0 && float.IsFinite(LearningRate)))
        {
            problems.Add($"LearningRate must be a finite number > 0 (got {LearningRate}).");
        }

        if (!(LongWatchFraction > 0 && LongWatchFraction <= 2))
        {
            problems.Add($"LongWatchFraction must be in (0, 2] (got {LongWatchFraction}).");
        }

        foreach (var (name, weight) in new[]
        {
            (nameof(LongWatchWeight), LongWatchWeight), (nameof(LikeWeight), LikeWeight), (nameof(ShareWeight), ShareWeight),
            (nameof(CommentWeight), CommentWeight), (nameof(FollowWeight), FollowWeight), (nameof(SkipWeight), SkipWeight),
            (nameof(ShortViewWeight), ShortViewWeight), (nameof(SampledNegativeWeight), SampledNegativeWeight),
        })
        {
            if (!(weight >= 0 && float.IsFinite(weight)))
            {
                problems.Add($"{name} must be a finite number ≥ 0 (got {weight}); 0 turns that signal off.");
            }
        }

        if (!(HistoryDecay >= 0 && HistoryDecay <= 1))
        {
            problems.Add($"HistoryDecay must be in [0, 1] (got {HistoryDecay}); 0 turns the recent-history feature off.");
        }

        if (!(L2 >= 0 && L2 <= 1))
        {
            problems.Add($"L2 must be in [0, 1] (got {L2}); 0 turns weight decay off.");
        }

        if (!Enum.IsDefined(Loss))
        {
            problems.Add($"Loss must be Pointwise or Pairwise (got {(int)Loss}).");
        }

        if (!Enum.IsDefined(NegativeSampling))
        {
            problems.Add($"NegativeSampling must be Exposure or Uniform (got {(int)NegativeSampling}).");
        }

        if (Loss == TrainingLoss.Pairwise && NegativesPerPositive < 1)
        {
            problems.Add("Loss Pairwise needs NegativesPerPositive ≥ 1 (each positive is scored against sampled negatives).");
        }

        if (NegativesPerPositive is < 0 or > 64)
        {
            problems.Add($"NegativesPerPositive must be 0..64 (got {NegativesPerPositive}).");
        }

        if (NegativePoolSize is < 1 or > 1 << 24)
        {
            problems.Add($"NegativePoolSize must be 1..16,777,216 (got {NegativePoolSize}).");
        }

        if (SweepInterval < TimeSpan.FromSeconds(1))
        {
            problems.Add($"SweepInterval must be at least 1 s (got {SweepInterval}).");
        }

        foreach (var table in TableOptions())
        {
            foreach (var problem in table.Validate())
            {
                problems.Add($"{table.Name} table: {problem}");
            }
        }

        return problems;
    }

    /// <summary>Options of the seven tables, in checkpoint order: users, regions, hours, videos, creators, topics, history.</summary>
    public IReadOnlyList<EmbeddingTableOptions> TableOptions()
    {
        var d = Dimension;
        return
        [
            Table("users", 1, UserAdmitAfter, Ttl, MaxUsers, withBias: false),
            Table("regions", 2, 1, null, 64, withBias: false),
            Table("hours", 3, 1, null, 64, withBias: false),
            Table("videos", 4, VideoAdmitAfter, Ttl, MaxVideos, withBias: true),
            Table("creators", 5, 1, null, MaxCreators, withBias: true),
            Table("topics", 6, 1, null, MaxTopics, withBias: false),
            Table("history", 7, 1, Ttl, MaxUsers, withBias: false),
        ];

        EmbeddingTableOptions Table(string name, long tag, int admitAfter, TimeSpan? ttl, int maxRows, bool withBias) => new()
        {
            Name = name,
            Dimension = d,
            WithBias = withBias,
            AdmitAfter = admitAfter,
            MaxPending = MaxPending,
            Ttl = ttl,
            MaxRows = maxRows,
            Seed = Seed ^ (tag * unchecked((long)0x9e3779b97f4a7c15UL)),
            InitScale = InitScale,
        };
    }
}
