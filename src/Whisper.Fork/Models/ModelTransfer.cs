using Whisper.Core.Domain;
using Whisper.Fork.Export;
using Whisper.Fork.Scope;
using Whisper.Recommendation.Catalog;
using Whisper.Recommendation.Training;
using Whisper.Storage;

namespace Whisper.Fork.Models;

/// <summary>
/// Models across a fork. Partial divestiture: the newest trainer checkpoint no newer than the export's snapshot,
/// stripped of every non-resident's rows and re-based onto the fork's log (which holds only the residents' events,
/// re-sequenced from 1 in source order). Full fork: nothing travels; the region retrains from its own log.
/// </summary>
public static class ModelTransfer
{
    private const int PageSize = 10_000;

    /// <summary>
    /// Writes a resident-only copy of the newest checkpoint at or below <paramref name="snapshotPosition"/> into
    /// <paramref name="stagingDirectory"/>; null when the directory has none (a model that has not checkpointed yet).
    /// </summary>
    public static async Task<CheckpointTransferResult?> PrepareResidentCheckpointAsync(
        IWhisperStore source, IExportScope scope, string checkpointDirectory, long snapshotPosition, string stagingDirectory, CancellationToken ct = default)
    {
        if (!Directory.Exists(checkpointDirectory) || CheckpointTransfer.NewestAtOrBelow(checkpointDirectory, snapshotPosition) is not { } checkpoint)
        {
            return null;
        }

        var sourcePosition = CheckpointTransfer.PositionOf(checkpoint);
        var forkPosition = await CountTravellingEventsAsync(source, scope, sourcePosition, ct).ConfigureAwait(false);
        Directory.CreateDirectory(stagingDirectory);
        foreach (var stale in Directory.EnumerateFiles(stagingDirectory))
        {
            File.Delete(stale);
        }

        var destination = Path.Combine(stagingDirectory, CheckpointTransfer.FileNameFor(forkPosition));
        return CheckpointTransfer.WriteResidentOnly(checkpoint, destination, scope.IncludesUser, forkPosition);
    }

    /// <summary>Full fork: trains a new model over the fork's whole log into <paramref name="checkpointDirectory"/>; returns the checkpoint's position.</summary>
    public static async Task<long> RetrainFromScratchAsync(IWhisperStore target, string checkpointDirectory, IProgress<ForkProgress>? progress = null, CancellationToken ct = default)
    {
        var catalog = await CatalogView.LoadAsync(target.Catalog, ct).ConfigureAwait(false);
        var options = new OnlineTrainerOptions { CheckpointDirectory = checkpointDirectory };
        var relay = progress is null ? null : new Relay(progress);
        using var trainer = await OnlineTrainer.TrainFromScratchAsync(target.Events, catalog, options, relay, cancellationToken: ct).ConfigureAwait(false);
        return trainer.Position;
    }

    /// <summary>The fork-log position equivalent to a source position: travelling events at or below it.</summary>
    private static async Task<long> CountTravellingEventsAsync(IWhisperStore source, IExportScope scope, long sourcePosition, CancellationToken ct)
    {
        var page = new List<LoggedEvent>(PageSize);
        long position = 0, travelling = 0;
        while (position < sourcePosition)
        {
            page.Clear();
            if (await source.Events.ReadAsync(position, (int)Math.Min(PageSize, sourcePosition - position), page, ct).ConfigureAwait(false) == 0)
            {
                break;
            }

            foreach (var logged in page)
            {
                travelling += scope.Includes(logged.Event) ? 1 : 0;
            }

            position = page[^1].Sequence;
        }

        return travelling;
    }

    private sealed class Relay(IProgress<ForkProgress> inner) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => inner.Report(new ForkProgress("retrain " + value.Stage, value.Done, value.Total, value.Done, 0));
    }
}
