using Whisper.Recommendation.Attestation;
using Whisper.Recommendation.Candidates;
using Whisper.Recommendation.Feed;
using Whisper.Recommendation.Ranking;
using Whisper.Recommendation.Reranking;
using Whisper.Recommendation.ResponseLog;
using Whisper.Recommendation.Training;

namespace Whisper.Recommendation.Engine;

/// <summary>How <see cref="RecommendationEngine"/> builds the For You engine. <see cref="Validate"/> lists every problem.</summary>
public sealed record RecommendationEngineOptions
{
    /// <summary>
    /// The online trainer. With <see cref="OnlineTrainerOptions.CheckpointDirectory"/> the engine resumes from the newest
    /// checkpoint, writes one when it stops, and keeps the HNSW index beside it (<c>ann-&lt;position&gt;-d&lt;dim&gt;.usearch</c>).
    /// </summary>
    public OnlineTrainerOptions Trainer { get; init; } = new();

    /// <summary>HNSW settings; <see cref="UseAnn"/> false serves from the exact index only (small catalogs, tests).</summary>
    public AnnIndexOptions Ann { get; init; } = AnnIndexOptions.Default;

    public bool UseAnn { get; init; } = true;

    /// <summary>
    /// Catalogs with fewer videos get their HNSW index built during <see cref="RecommendationEngine.CreateAsync"/>
    /// (~1–3 s per 10k vectors on a 2-vCPU box); larger ones serve from the exact index while it builds in the background.
    /// </summary>
    public int ForegroundAnnBelow { get; init; } = 10_000;

    public FeedOptions Feed { get; init; } = new();

    public ReRankerOptions ReRanker { get; init; } = new();

    public RankerOptions Ranker { get; init; } = new();

    public FollowingOptions Following { get; init; } = new();

    public TrendingOptions Trending { get; init; } = TrendingOptions.Default;

    public FreshOptions Fresh { get; init; } = new();

    /// <summary>Logged impressions needed before a LightGBM ranker is trained (in the background); 0 never trains one.</summary>
    public int MinImpressionsForRanker { get; init; } = 10_000;

    /// <summary>Served impressions go to the log through a background batching writer (<see cref="BatchingEventLog"/>) instead of one append per request.</summary>
    public bool BatchImpressions { get; init; } = true;

    /// <summary>Cursor signing key; random per process when null.</summary>
    public IFeedCursorKey? CursorKey { get; init; }

    /// <summary>Request clock; <see cref="TimeProvider.System"/> when null.</summary>
    public TimeProvider? Time { get; init; }

    /// <summary>
    /// Serve only an approved model (docs/model-attestation.md): the engine starts from the newest checkpoint only when
    /// its hash is approved, writes no checkpoints of its own, rebuilds the HNSW index instead of loading a saved one,
    /// and keeps the model-score ranker (no unapproved LightGBM ranker). Needs <see cref="OnlineTrainerOptions.CheckpointDirectory"/>.
    /// </summary>
    public ModelAttestation? ModelAttestation { get; init; }

    /// <summary>Record served pages as JSON lines (sampled, off the request path); null: no response log.</summary>
    public ServedResponseLogOptions? ResponseLog { get; init; }

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (ModelAttestation is not null && Trainer?.CheckpointDirectory is null)
        {
            problems.Add("ModelAttestation needs Trainer.CheckpointDirectory: the engine serves only from an approved checkpoint.");
        }

        if (ResponseLog is not null)
        {
            Add(problems, "ResponseLog", ResponseLog.Validate());
        }

        Add(problems, "Trainer", Trainer?.Validate());
        Add(problems, "Ann", Ann?.Validate());
        Add(problems, "Feed", Feed?.Validate());
        Add(problems, "ReRanker", ReRanker?.Validate());
        Add(problems, "Ranker", Ranker?.Validate());
        Add(problems, "Following", Following?.Validate());
        Add(problems, "Fresh", Fresh?.Validate());
        if (Trending is null)
        {
            problems.Add("Trending is missing; use TrendingOptions.Default.");
        }

        if (MinImpressionsForRanker < 0)
        {
            problems.Add($"MinImpressionsForRanker is {MinImpressionsForRanker}; use 0 (never train LightGBM) or a positive count (e.g. 10,000).");
        }

        return problems;
    }

    public void EnsureValid() => RecommendationOptionsException.ThrowIfAny(nameof(RecommendationEngineOptions), Validate());

    private static void Add(List<string> problems, string name, IReadOnlyList<string>? found)
    {
        if (found is null)
        {
            problems.Add($"{name} is missing; leave it at its default or give one.");
            return;
        }

        foreach (var problem in found)
        {
            problems.Add($"{name}: {problem}");
        }
    }
}
