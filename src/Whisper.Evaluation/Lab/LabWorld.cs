using Whisper.Core.Domain;
using Whisper.Evaluation.Data;
using Whisper.Evaluation.Engine;
using Whisper.Evaluation.Splits;
using Whisper.FeatureStore.Definitions;
using Whisper.FeatureStore.Online;
using Whisper.FeatureStore.Sessions;
using Whisper.Recommendation.Training;

namespace Whisper.Evaluation.Lab;

/// <summary>
/// The shared ground of a lab (the fork-degradation lab and the parity checks): one dataset, one temporal split whose
/// cutoff is "now", and the builders of region components — snapshots trained on the split (or on its first part, for
/// a stale one), online stores materialized under a contract, session tiers as of the cutoff. Regions built on one
/// world are scored on the same held-out traffic by <see cref="LabRanking"/>.
/// </summary>
public sealed class LabWorld
{
    private readonly OnlineTrainerOptions _trainer;
    private readonly SessionStateOptions _sessionOptions;
    private readonly bool[] _inFlight;
    private readonly int[] _userHour;

    private LabWorld(EvaluationDataset dataset, ForkLabOptions options)
    {
        Dataset = dataset;
        Options = options;
        Split = TemporalSplit.Create(dataset, options.TestFraction);
        Now = Split.Cutoff!.Value.ToUnixTimeMilliseconds();
        Time = new FixedTime(Split.Cutoff.Value);
        var trainer = WhisperEngineRecommender.DefaultOptions with { Epochs = options.Epochs, CheckpointDirectory = null };
        _trainer = trainer with { Model = trainer.Model with { LongWatchFraction = (float)dataset.Relevance.LongWatchFraction } };
        _sessionOptions = new SessionStateOptions { Idle = options.SessionWindow };

        _userHour = new int[dataset.UserCount];
        foreach (var i in Split.Training.EventIndexes)
        {
            _userHour[dataset.Events[i].User] = DateTimeOffset.FromUnixTimeMilliseconds(dataset.Events[i].TimeMs).Hour;
        }

        var sessions = ObservedSessions();
        _inFlight = new bool[dataset.UserCount];
        for (var u = 0; u < dataset.UserCount; u++)
        {
            _inFlight[u] = sessions.TryGet(dataset.UserId(u), out _);
            InFlightUsers += _inFlight[u] ? 1 : 0;
        }
    }

    public EvaluationDataset Dataset { get; }

    public ForkLabOptions Options { get; }

    public DataSplit Split { get; }

    /// <summary>The cutoff, Unix ms: every region serves as of this instant.</summary>
    public long Now { get; }

    /// <summary>A clock fixed at the cutoff (TTL checks, session idle).</summary>
    public TimeProvider Time { get; }

    /// <summary>Users with a session open at the cutoff (active within <see cref="ForkLabOptions.SessionWindow"/>).</summary>
    public int InFlightUsers { get; }

    public static LabWorld Create(EvaluationDataset dataset, ForkLabOptions options)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        }

        return new LabWorld(dataset, options);
    }

    public bool IsInFlight(int user) => _inFlight[user];

    /// <summary>The hour of the user's last training event (the user tower's hour-of-day input).</summary>
    public int UserHour(int user) => _userHour[user];

    /// <summary>The training events that happened before <paramref name="endMs"/> (a snapshot that stopped early).</summary>
    public TrainingSet TrainingBefore(long endMs)
    {
        var indexes = new List<int>();
        foreach (var i in Split.Training.EventIndexes)
        {
            if (Dataset.Events[i].TimeMs < endMs)
            {
                indexes.Add(i);
            }
        }

        return new TrainingSet(Dataset, [.. indexes]);
    }

    /// <summary>The first <paramref name="count"/> training events, in log order (retraining from scratch, part way).</summary>
    public TrainingSet TrainingPrefix(int count)
    {
        var all = Split.Training.EventIndexes;
        return new TrainingSet(Dataset, all[..Math.Clamp(count, 0, all.Length)].ToArray());
    }

    public async Task<LabSnapshot> TrainAsync(TrainingSet set, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(set);
        using var trainer = await OnlineTrainer.TrainFromScratchAsync(new TrainingEventLog(set), Dataset.Catalog, _trainer, cancellationToken: cancellationToken).ConfigureAwait(false);
        return LabSnapshot.Of(trainer.Model, set);
    }

    /// <summary>An online store holding the training events' features under <paramref name="registry"/>'s TTLs.</summary>
    public InProcessOnlineFeatureStore Materialize(FeatureRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var store = new InProcessOnlineFeatureStore(registry, Time);
        var materializer = new OnlineFeatureMaterializer(store, video => Dataset.Catalog.TryGetVideo(video, out var facts) ? facts.CreatorId : 0);
        foreach (var i in Split.Training.EventIndexes)
        {
            materializer.Observe(ToEvent(i));
        }

        return store;
    }

    /// <summary>The session tier of a region that saw every training event: the sessions in flight at the cutoff.</summary>
    public SessionStateStore ObservedSessions()
    {
        var sessions = new SessionStateStore(Time, _sessionOptions);
        foreach (var i in Split.Training.EventIndexes)
        {
            sessions.Observe(ToEvent(i));
        }

        sessions.Sweep(); // only the sessions still in flight at the cutoff: what an export carries and what a count compares
        return sessions;
    }

    /// <summary>A session tier with nothing in it (a fork that did not carry the source's).</summary>
    public SessionStateStore EmptySessions() => new(Time, _sessionOptions);

    /// <summary>A new session tier holding <paramref name="source"/>'s sessions through the export/import format.</summary>
    public SessionStateStore CopySessions(SessionStateStore source, out int imported)
    {
        ArgumentNullException.ThrowIfNull(source);
        var copy = EmptySessions();
        imported = copy.Import(source.ExportJson("source")).Imported;
        return copy;
    }

    private EngagementEvent ToEvent(int index)
    {
        ref readonly var e = ref Dataset.Events[index];
        return new EngagementEvent(Guid.Empty, Dataset.UserId(e.User), Dataset.ItemId(e.Item), e.Kind, DateTimeOffset.FromUnixTimeMilliseconds(e.TimeMs), e.WatchTimeMs);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
