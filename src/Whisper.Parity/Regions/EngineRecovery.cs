using Whisper.Parity.Gate;
using Whisper.Parity.Measures;
using Whisper.Parity.Shadow;
using Whisper.Recommendation.Catalog;
using Whisper.Recommendation.Training;

namespace Whisper.Parity.Regions;

/// <summary>
/// A full fork's recovery curve from real retraining: a new model (new lineage, what
/// <see cref="OnlineTrainer.TrainFromScratchAsync"/> starts from) trains over the fork's own log in
/// <c>slices</c> equal parts, and after each part the fork — an engine frozen at that checkpoint, so its model,
/// counters and trending are as of that position — is scored against the source on the same requests. One
/// single-pass trainer stepped through the slices trains exactly what a retrain from scratch over each prefix would,
/// at the cost of one retrain instead of one per slice.
/// </summary>
public static class EngineRecovery
{
    public const int MaxSlices = 50;

    /// <param name="fork">The fork's store and serving options; its checkpoints are not read (the retrain writes its own to a scratch folder, deleted at the end).</param>
    /// <param name="maxRequests">Requests each point replays at most (an evenly spaced sample of the plan).</param>
    public static async Task<IReadOnlyList<RecoveryPoint>> MeasureAsync(
        IFeedRegion source,
        EngineRegionSpec fork,
        ReplayPlan plan,
        int slices,
        ShadowOptions? options = null,
        int maxRequests = int.MaxValue,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(fork);
        ArgumentNullException.ThrowIfNull(plan);
        if (slices is < 1 or > MaxSlices)
        {
            throw new ArgumentException($"full-fork recovery slices is {slices}; use 1..{MaxSlices} (e.g. 4).", nameof(slices));
        }

        var sample = new ReplayPlan(EvenSample.Of(plan.Requests, maxRequests), plan.HeldOut);
        var scratch = Directory.CreateTempSubdirectory("whisper-parity-retrain-").FullName;
        try
        {
            var catalog = await CatalogView.LoadAsync(fork.Store.Catalog, cancellationToken).ConfigureAwait(false);
            var head = await fork.Store.Events.GetHeadAsync(cancellationToken).ConfigureAwait(false);
            if (head == 0)
            {
                throw new ArgumentException($"the fork's log ({fork.Name}) is empty; there is nothing to retrain on.", nameof(fork));
            }

            var points = new List<RecoveryPoint>(slices);
            using var trainer = new OnlineTrainer(
                fork.Store.Events, catalog, new OnlineTrainerOptions { CheckpointDirectory = scratch, CheckpointEvery = long.MaxValue, KeepCheckpoints = 1 });
            for (var slice = 1; slice <= slices; slice++)
            {
                var end = slice == slices ? head : head * slice / slices;
                while (trainer.Position < end)
                {
                    if (await trainer.StepAsync(cancellationToken).ConfigureAwait(false) == 0)
                    {
                        break;
                    }
                }

                await trainer.CheckpointAsync(cancellationToken).ConfigureAwait(false);
                var spec = fork with { Name = $"{fork.Name}@{trainer.Position}", CheckpointDirectory = scratch, FrozenAtCheckpoint = true };
                await using var region = await EngineRegion.OpenAsync(spec, cancellationToken).ConfigureAwait(false);
                var records = await new ShadowRunner(source, region, options).RunAsync(sample, cancellationToken: cancellationToken).ConfigureAwait(false);
                var overall = ParityMeasures.Of(records).Overall;
                points.Add(new RecoveryPoint(trainer.Position, overall.SourceNdcg10, overall.ForkNdcg10));
                if (trainer.Position >= head)
                {
                    break; // a batch ran past a slice boundary to the head: later slices would repeat this point
                }
            }

            return points;
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }
}
