using Whisper.FeatureStore.Contract;
using Whisper.Recommendation.Feed;
using Whisper.Storage;

namespace Whisper.Parity.Regions;

/// <summary>
/// How an <see cref="EngineRegion"/> is built, kept so the explain step can rebuild it with one part changed
/// (<see cref="EngineAblation"/>): its store, model checkpoints, feature contract (null: unknown), feed options and
/// whether it serves as of its checkpoint or caught up with its log.
/// </summary>
public sealed record EngineRegionSpec(string Name, IWhisperStore Store, string? CheckpointDirectory, FeatureContract? Contract)
{
    /// <summary>
    /// Feed options, candidate budgets included. The default remembers nothing a user was served: shadow pages are never
    /// shown, so excluding them from the next ask would only make a re-asked region (the source, during ablation)
    /// answer differently from the first time.
    /// </summary>
    public FeedOptions Feed { get; init; } = new() { RecentlyServedPerUser = 0 };

    /// <summary>
    /// True: serve as of the newest checkpoint — the engine sees the log only up to the checkpoint's position, so model,
    /// counters and trending are as they were there (a stale region, or one point of a retrain). False: resume from the
    /// checkpoint and catch up with the whole log, as a region does when it starts.
    /// </summary>
    public bool FrozenAtCheckpoint { get; init; }

    /// <summary>Serve from the exact vector index only (small catalogs, tests: deterministic and quicker to open).</summary>
    public bool UseAnn { get; init; } = true;
}
