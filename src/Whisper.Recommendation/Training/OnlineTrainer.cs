using Whisper.Core.Domain;
using Whisper.Recommendation.Catalog;
using Whisper.Recommendation.Model;
using Whisper.Storage;

namespace Whisper.Recommendation.Training;

/// <summary>
/// Follows the event log and trains the two-tower <see cref="Model"/> in log order, one batch at a time, on one
/// thread. Serving reads the model concurrently (lock-free). After each batch the model's
/// <see cref="TwoTowerModel.Position"/> moves and the optional <see cref="IVideoVectorSink"/> hears which videos
/// changed. With a checkpoint directory it writes checkpoints every <see cref="OnlineTrainerOptions.CheckpointEvery"/>
/// events; <see cref="ResumeAsync"/> continues from the newest one and reaches bit-for-bit the state of a run that
/// never stopped. Construct fresh with the constructor, or use <see cref="ResumeAsync"/> / <see cref="TrainFromScratchAsync"/>.
/// </summary>
public sealed partial class OnlineTrainer : IDisposable
{
    private readonly IEventLog _log;
    private readonly OnlineTrainerOptions _options;
    private readonly IVideoVectorSink? _sink;
    private readonly TwoTowerLearner _learner;
    private readonly List<LoggedEvent> _batch;
    private readonly SemaphoreSlim _wake = new(0, int.MaxValue);
    private long[] _changedBuffer = new long[256];
    private long _lastCheckpoint;
    private int _busy;

    /// <summary>A trainer at position 0 with a fresh model (new lineage).</summary>
    public OnlineTrainer(IEventLog log, CatalogView catalog, OnlineTrainerOptions options, IVideoVectorSink? sink = null, TimeProvider? servingClock = null)
        : this(log, options, sink, new TwoTowerModel(Validated(options).Model, catalog, servingClock))
    {
    }

    private OnlineTrainer(IEventLog log, OnlineTrainerOptions options, IVideoVectorSink? sink, TwoTowerModel model, TwoTowerLearner? learner = null)
    {
        ArgumentNullException.ThrowIfNull(log);
        _log = log;
        _options = Validated(options);
        _sink = sink;
        Model = model;
        _learner = learner ?? new TwoTowerLearner(model);
        _learner.Changed = sink is null ? null : [];
        _batch = new List<LoggedEvent>(_options.BatchSize);
        _lastCheckpoint = model.Position;
    }

    /// <summary>The model being trained; hand it to retrieval and ranking as <see cref="IEmbeddingModel"/>.</summary>
    public TwoTowerModel Model { get; }

    /// <summary>Last log sequence applied (0 = nothing yet).</summary>
    public long Position => Model.Position;

    public TrainerStats Stats => _learner.Stats;

    public OnlineTrainerOptions Options => _options;

    /// <summary>Checkpoints this instance has written.</summary>
    public int CheckpointsWritten { get; private set; }

    /// <summary>Wakes <see cref="RunAsync"/> now instead of at its next poll: call it after appending to the log.</summary>
    public void Nudge()
    {
        if (_wake.CurrentCount == 0)
        {
            _wake.Release();
        }
    }

    /// <summary>
    /// Follows the log until <paramref name="cancellationToken"/> fires: trains every batch as it appears, waits
    /// <see cref="OnlineTrainerOptions.PollInterval"/> (or until <see cref="Nudge"/>) at the head. Returns normally
    /// when cancelled; the model stays readable.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                if (await StepAsync(cancellationToken).ConfigureAwait(false) == 0)
                {
                    await _wake.WaitAsync(_options.PollInterval, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping is the expected way out.
        }
    }

    /// <summary>Reads and trains one batch after <see cref="Position"/>; returns the number of events read (0 at the head).</summary>
    public async Task<int> StepAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _busy, 1) != 0)
        {
            throw new InvalidOperationException("The trainer is single-threaded: StepAsync, RunAsync and CatchUpAsync must not overlap.");
        }

        try
        {
            _batch.Clear();
            var read = await _log.ReadAsync(Position, _options.BatchSize, _batch, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return 0;
            }

            ApplyCore(_batch);
            if (_options.CheckpointDirectory is not null && Position - _lastCheckpoint >= _options.CheckpointEvery)
            {
                WriteCheckpoint();
            }

            return read;
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
    }

    /// <summary>Trains until the position reaches the head the log had when called; reports stage "train".</summary>
    public async Task CatchUpAsync(IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var head = await _log.GetHeadAsync(cancellationToken).ConfigureAwait(false);
        progress?.Report(new TrainingProgress("train", Position, head));
        while (Position < head)
        {
            if (await StepAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                break;
            }

            progress?.Report(new TrainingProgress("train", Position, Math.Max(head, Position)));
        }
    }

    /// <summary>Applies already-read events in order (events at or below <see cref="Position"/> are skipped). For benchmarks and replays without a log.</summary>
    public void Apply(IReadOnlyList<LoggedEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (Interlocked.Exchange(ref _busy, 1) != 0)
        {
            throw new InvalidOperationException("The trainer is single-threaded: Apply must not overlap StepAsync or RunAsync.");
        }

        try
        {
            ApplyCore(events);
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
    }

    private void ApplyCore(IReadOnlyList<LoggedEvent> events)
    {
        var position = Position;
        for (var i = 0; i < events.Count; i++)
        {
            var logged = events[i];
            if (logged.Sequence <= position)
            {
                continue;
            }

            _learner.Apply(logged);
            position = logged.Sequence;
        }

        Model.SetPosition(position);
        NotifySink();
    }

    public void Dispose() => _wake.Dispose();

    /// <summary>
    /// One more pass over events 1..<see cref="Position"/> (an offline epoch): each event is applied again with negative
    /// draws keyed by <paramref name="pass"/>; the position does not move. Reports stage "train" from 0 to the position.
    /// </summary>
    private async Task ReplayPassAsync(int pass, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _busy, 1) != 0)
        {
            throw new InvalidOperationException("The trainer is single-threaded: an epoch must not overlap StepAsync or RunAsync.");
        }

        try
        {
            var end = Position;
            var at = 0L;
            progress?.Report(new TrainingProgress("train", 0, end));
            while (at < end)
            {
                _batch.Clear();
                var read = await _log.ReadAsync(at, (int)Math.Min(_options.BatchSize, end - at), _batch, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                var before = at;
                foreach (var logged in _batch)
                {
                    if (logged.Sequence > end)
                    {
                        break;
                    }

                    if (logged.Sequence > at)
                    {
                        _learner.Apply(logged, pass);
                        at = logged.Sequence;
                    }
                }

                NotifySink();
                progress?.Report(new TrainingProgress("train", at, end));
                if (at == before)
                {
                    break; // the log served nothing new: stop rather than spin
                }
            }
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
    }

    private void NotifySink()
    {
        var changed = _learner.Changed;
        if (_sink is null || changed is null || changed.Count == 0)
        {
            return;
        }

        if (_changedBuffer.Length < changed.Count)
        {
            _changedBuffer = new long[Math.Max(changed.Count, _changedBuffer.Length * 2)];
        }

        changed.CopyTo(_changedBuffer);
        var ids = _changedBuffer.AsSpan(0, changed.Count);
        ids.Sort();
        changed.Clear();
        _sink.OnVideoVectorsChanged(ids);
    }

    private static OnlineTrainerOptions Validated(OnlineTrainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        return problems.Count == 0
            ? options
            : throw new ArgumentException($"Invalid trainer options: {string.Join(" ", problems)}", nameof(options));
    }
}
