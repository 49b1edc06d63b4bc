using Whisper.Core.Domain;
using Whisper.Parity.Explain;
using Whisper.Recommendation.Training;

namespace Whisper.Parity.Regions;

/// <summary>
/// Rebuilds a fork's <see cref="EngineRegion"/> with one cause taken from the source, everything else the fork's:
/// <list type="bullet">
/// <item>embeddings / model version: the fork resumed from the source's newest checkpoint restricted to the fork's
/// users (<see cref="CheckpointTransfer.WriteResidentOnly"/>, the fork export's slicing) and re-based onto the fork's
/// log, served as the source serves (frozen at its checkpoint or caught up); without a source checkpoint, stale
/// embeddings are rebuilt as the fork's own newest checkpoint caught up with its log;</item>
/// <item>candidate budget: the source's <see cref="Recommendation.Candidates.CandidateSourceSetOptions"/>;</item>
/// <item>feature TTL and session state: not ablatable — the engine's feed reads no online feature store and keeps no
/// session tier to import (the reasons are reported).</item>
/// </list>
/// Each rebuild opens a new engine over a scratch copy of the checkpoint, deleted when the rebuilt region is disposed.
/// </summary>
public sealed class EngineAblation(EngineRegion source, EngineRegion fork) : IRegionAblation
{
    internal const string FeaturesNotRead =
        "the engine's feed ranks with its two-tower model and log counters and reads no online feature store, so a contract difference cannot change its answers in process; align the contract (whisper features diff) or run the lab-backed check.";

    internal const string NoSessionTier = "engine regions keep no session tier, so there are no sessions to import.";

    private const int PageSize = 10_000;

    private readonly EngineRegion _source = source ?? throw new ArgumentNullException(nameof(source));
    private readonly EngineRegion _fork = fork ?? throw new ArgumentNullException(nameof(fork));

    public async Task<RegionRebuild> RebuildAsync(ParityCause cause, CancellationToken cancellationToken = default)
    {
        var name = $"{_fork.Name}+{ParityCauses.Name(cause)}";
        switch (cause)
        {
            case ParityCause.CandidateBudget:
                var budget = _fork.Spec with { Name = name, Feed = _fork.Spec.Feed with { Candidates = _source.Spec.Feed.Candidates } };
                return RegionRebuild.Of(await EngineRegion.OpenAsync(budget, cancellationToken).ConfigureAwait(false));
            case ParityCause.Embeddings or ParityCause.ModelVersion:
                return await WithSourceModelAsync(cause, name, cancellationToken).ConfigureAwait(false);
            case ParityCause.FeatureTtl:
                return RegionRebuild.Unavailable(FeaturesNotRead);
            case ParityCause.SessionState:
                return RegionRebuild.Unavailable(NoSessionTier);
            default:
                return RegionRebuild.Unavailable($"engine regions have no part for {ParityCauses.Name(cause)}.");
        }
    }

    private async Task<RegionRebuild> WithSourceModelAsync(ParityCause cause, string name, CancellationToken cancellationToken)
    {
        var sourceDirectory = _source.Spec.CheckpointDirectory;
        var checkpoint = sourceDirectory is not null && Directory.Exists(sourceDirectory) ? CheckpointTransfer.NewestAtOrBelow(sourceDirectory, long.MaxValue) : null;
        if (checkpoint is null)
        {
            // The fork's own newest checkpoint, caught up with its log: the freshest snapshot it could have. Another
            // model version cannot be had without the source's checkpoint.
            return cause == ParityCause.Embeddings && _fork.Spec.CheckpointDirectory is not null
                ? RegionRebuild.Of(await EngineRegion.OpenAsync(_fork.Spec with { Name = name, FrozenAtCheckpoint = false }, cancellationToken).ConfigureAwait(false))
                : RegionRebuild.Unavailable("the source has no model checkpoint to carry over; give its checkpoint directory (--source-model).");
        }

        var scratch = Directory.CreateTempSubdirectory("whisper-parity-ablation-").FullName;
        try
        {
            var sourcePosition = CheckpointTransfer.PositionOf(checkpoint);
            var forkPosition = await ForkPositionAsync(sourcePosition, cancellationToken).ConfigureAwait(false);
            CheckpointTransfer.WriteResidentOnly(checkpoint, Path.Combine(scratch, CheckpointTransfer.FileNameFor(forkPosition)), _fork.Catalog.IsKnownUser, forkPosition);
            var spec = _fork.Spec with { Name = name, CheckpointDirectory = scratch, FrozenAtCheckpoint = _source.Spec.FrozenAtCheckpoint };
            return RegionRebuild.Of(await EngineRegion.OpenAsync(spec, scratch, cancellationToken).ConfigureAwait(false));
        }
        catch
        {
            Directory.Delete(scratch, recursive: true);
            throw;
        }
    }

    /// <summary>
    /// The fork-log position equivalent to a source position: the fork's users' events at or below it (a fork log holds
    /// its residents' events re-sequenced from 1 in source order; a fork over the source's own log gets the position back).
    /// </summary>
    private async Task<long> ForkPositionAsync(long sourcePosition, CancellationToken cancellationToken)
    {
        var log = _source.Spec.Store.Events;
        var page = new List<LoggedEvent>(PageSize);
        long position = 0, residents = 0;
        while (position < sourcePosition)
        {
            page.Clear();
            if (await log.ReadAsync(position, PageSize, page, cancellationToken).ConfigureAwait(false) == 0)
            {
                break;
            }

            foreach (var logged in page)
            {
                if (logged.Sequence > sourcePosition)
                {
                    break;
                }

                residents += _fork.Catalog.IsKnownUser(logged.Event.UserId) ? 1 : 0;
            }

            position = page[^1].Sequence;
        }

        var forkHead = await _fork.Spec.Store.Events.GetHeadAsync(cancellationToken).ConfigureAwait(false);
        return Math.Min(residents, forkHead);
    }
}
