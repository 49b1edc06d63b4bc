using Whisper.Recommendation.Catalog;
using Whisper.Recommendation.Embeddings;
using Whisper.Recommendation.Model;
using Whisper.Storage;

namespace Whisper.Recommendation.Training;

public sealed partial class OnlineTrainer
{
    private OnlineTrainer(IEventLog log, OnlineTrainerOptions options, IVideoVectorSink? sink, TwoTowerLearner learner, string resumedFrom)
        : this(log, options, sink, learner.Model, learner)
    {
        ResumedFrom = resumedFrom;
    }

    /// <summary>The checkpoint file this trainer resumed from; null for a fresh start.</summary>
    public string? ResumedFrom { get; }

    /// <summary>Newer checkpoints <see cref="ResumeAsync"/> found unreadable and skipped, with why.</summary>
    public IReadOnlyList<string> SkippedCheckpoints { get; private init; } = [];

    /// <summary>
    /// Writes a checkpoint now (temp file, flush to disk, rename over <c>ckpt-&lt;position&gt;.wck</c>), then deletes
    /// all but the newest <see cref="OnlineTrainerOptions.KeepCheckpoints"/>. Returns the file's path. Must not overlap
    /// training calls.
    /// </summary>
    public Task<string> CheckpointAsync(CancellationToken cancellationToken = default)
    {
        if (_options.CheckpointDirectory is null)
        {
            throw new InvalidOperationException("No checkpoint directory is configured (OnlineTrainerOptions.CheckpointDirectory).");
        }

        if (Interlocked.Exchange(ref _busy, 1) != 0)
        {
            throw new InvalidOperationException("The trainer is single-threaded: CheckpointAsync must not overlap StepAsync or RunAsync.");
        }

        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            return Task.FromResult(WriteCheckpoint());
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
    }

    /// <summary>
    /// Continues from the newest readable checkpoint in <see cref="OnlineTrainerOptions.CheckpointDirectory"/> (a newer
    /// file that is torn or corrupt is skipped and listed in <see cref="SkippedCheckpoints"/>); with none, starts fresh
    /// at position 0. The checkpoint's model options must equal <c>options.Model</c>. Training on from the returned
    /// trainer gives bit-for-bit the parameters an uninterrupted run would have.
    /// </summary>
    public static Task<OnlineTrainer> ResumeAsync(
        IEventLog log,
        CatalogView catalog,
        OnlineTrainerOptions options,
        IVideoVectorSink? sink = null,
        TimeProvider? servingClock = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(catalog);
        var directory = Validated(options).CheckpointDirectory
            ?? throw new ArgumentException("ResumeAsync needs OnlineTrainerOptions.CheckpointDirectory.", nameof(options));
        return Task.Run(() => Resume(log, catalog, options, sink, servingClock, directory), cancellationToken);
    }

    /// <summary>
    /// Trains a new model (new lineage) over the whole log, from position 0 to the head, reporting stage "train" and a
    /// final "checkpoint" when a checkpoint directory is set — use a fresh directory, then swap the returned trainer's
    /// model in. This is the full-fork path: the fork learns from its own log only.
    /// </summary>
    public static async Task<OnlineTrainer> TrainFromScratchAsync(
        IEventLog log,
        CatalogView catalog,
        OnlineTrainerOptions options,
        IProgress<TrainingProgress>? progress = null,
        IVideoVectorSink? sink = null,
        TimeProvider? servingClock = null,
        CancellationToken cancellationToken = default)
    {
        var trainer = new OnlineTrainer(log, catalog, options, sink, servingClock);
        try
        {
            await trainer.CatchUpAsync(progress, cancellationToken).ConfigureAwait(false);
            for (var pass = 1; pass < trainer._options.Epochs; pass++)
            {
                await trainer.ReplayPassAsync(pass, progress, cancellationToken).ConfigureAwait(false);
            }

            if (options.CheckpointDirectory is not null)
            {
                await trainer.CheckpointAsync(cancellationToken).ConfigureAwait(false);
                progress?.Report(new TrainingProgress("checkpoint", 1, 1));
            }

            return trainer;
        }
        catch
        {
            trainer.Dispose();
            throw;
        }
    }

    private static OnlineTrainer Resume(IEventLog log, CatalogView catalog, OnlineTrainerOptions options, IVideoVectorSink? sink, TimeProvider? clock, string directory)
    {
        Directory.CreateDirectory(directory);
        foreach (var stale in Directory.GetFiles(directory, CheckpointNaming.Pattern + CheckpointNaming.TempSuffix))
        {
            File.Delete(stale); // a write that never reached its rename
        }

        var skipped = new List<string>();
        foreach (var path in CheckpointFiles(directory))
        {
            TwoTowerLearner learner;
            try
            {
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
                (_, learner) = TrainingCheckpoint.Read(stream, path, catalog, clock);
            }
            catch (EmbeddingSnapshotFormatException e)
            {
                skipped.Add(e.Message);
                continue;
            }

            if (learner.Model.Options != options.Model)
            {
                throw new InvalidOperationException(
                    $"Checkpoint {path} was trained with other model options ({learner.Model.Options}) than given ({options.Model}); resume with the same options or retrain from scratch into a new directory.");
            }

            return new OnlineTrainer(log, options, sink, learner, path) { SkippedCheckpoints = skipped };
        }

        return new OnlineTrainer(log, catalog, options, sink, clock) { SkippedCheckpoints = skipped };
    }

    private string WriteCheckpoint()
    {
        var directory = _options.CheckpointDirectory!;
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, CheckpointNaming.FileName(Position));
        var temp = path + CheckpointNaming.TempSuffix;
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            TrainingCheckpoint.Write(stream, Model, _learner);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
        _lastCheckpoint = Position;
        CheckpointsWritten++;
        var files = CheckpointFiles(directory);
        for (var i = _options.KeepCheckpoints; i < files.Count; i++)
        {
            File.Delete(files[i]);
        }

        return path;
    }

    /// <summary>Checkpoint files, newest (highest position) first; the zero-padded name sorts by position.</summary>
    private static List<string> CheckpointFiles(string directory)
    {
        var files = new List<string>(Directory.GetFiles(directory, CheckpointNaming.Pattern));
        files.Sort(static (a, b) => string.CompareOrdinal(Path.GetFileName(b), Path.GetFileName(a)));
        return files;
    }
}
