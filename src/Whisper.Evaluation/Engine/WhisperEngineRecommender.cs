using System.Globalization;

using Whisper.Evaluation.Metrics;
using Whisper.Evaluation.Splits;
using Whisper.Recommendation.Model;
using Whisper.Recommendation.Training;

namespace Whisper.Evaluation.Engine;

/// <summary>
/// The Whisper engine under evaluation: a fresh <see cref="OnlineTrainer"/> trains the two-tower model on the training
/// split's events in log order (through <see cref="TrainingEventLog"/>), then every video is scored by brute force —
/// user tower · video tower + video and creator bias, which is <see cref="TwoTowerModel.Score"/> less the global bias
/// that is equal for every video. No ANN, candidate sources or re-ranking: this measures the model. The user tower
/// is read at the UTC hour of the user's last training event. Videos the model cannot describe at all (no row,
/// creator or topic) are not recommended.
/// </summary>
public sealed class WhisperEngineRecommender : IRecommender
{
    private readonly OnlineTrainerOptions _options;
    private TrainingSet? _training;
    private TwoTowerModel? _model;
    private float[] _videoVectors = [];
    private float[] _videoBias = [];
    private int[] _known = [];
    private byte[] _userHour = [];

    public WhisperEngineRecommender(OnlineTrainerOptions? options = null)
    {
        _options = (options ?? new OnlineTrainerOptions()) with { CheckpointDirectory = null };
        var m = _options.Model;
        Parameters = new Dictionary<string, string>
        {
            ["model"] = "two-tower",
            ["dimension"] = m.Dimension.ToString(CultureInfo.InvariantCulture),
            ["learningRate"] = m.LearningRate.ToString(CultureInfo.InvariantCulture),
            ["seed"] = m.Seed.ToString(CultureInfo.InvariantCulture),
            ["longWatchFraction"] = m.LongWatchFraction.ToString(CultureInfo.InvariantCulture),
            ["batchSize"] = _options.BatchSize.ToString(CultureInfo.InvariantCulture),
            ["scoring"] = "brute-force",
        };
    }

    public string Name => "whisper";

    public IReadOnlyDictionary<string, string> Parameters { get; }

    public async Task FitAsync(TrainingSet training, IProgress<EvaluationProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(training);
        var dataset = training.Dataset;
        using var trainer = new OnlineTrainer(new TrainingEventLog(training), dataset.Catalog, _options);
        var forward = progress is null ? null : new ForwardProgress(progress, "fit:" + Name);
        await trainer.CatchUpAsync(forward, cancellationToken).ConfigureAwait(false);
        var model = trainer.Model;

        var d = model.Dimension;
        var vectors = new float[(long)dataset.ItemCount * d];
        var bias = new float[dataset.ItemCount];
        var known = new List<int>(dataset.ItemCount);
        for (var item = 0; item < dataset.ItemCount; item++)
        {
            if (dataset.Catalog.TryGetVideo(dataset.ItemId(item), out var facts)
                && model.TryGetVideoVector(facts, vectors.AsSpan(item * d, d), out bias[item]))
            {
                known.Add(item);
            }
        }

        var hours = new byte[dataset.UserCount];
        var events = dataset.Events;
        foreach (var i in training.EventIndexes)
        {
            hours[events[i].User] = (byte)DateTimeOffset.FromUnixTimeMilliseconds(events[i].TimeMs).Hour;
        }

        (_training, _model, _videoVectors, _videoBias, _known, _userHour) = (training, model, vectors, bias, [.. known], hours);
    }

    public int Recommend(int user, ReadOnlySpan<int> exclude, Span<int> into, RecommendationScratch scratch)
    {
        ArgumentNullException.ThrowIfNull(scratch);
        var model = _model ?? throw new InvalidOperationException("Call FitAsync first.");
        var d = model.Dimension;
        var userVector = scratch.Vector(d);
        if (!model.TryGetUserVector(_training!.Dataset.UserId(user), _userHour[user], userVector))
        {
            userVector.Clear(); // unknown to the model: the biases alone rank
        }

        var heap = new TopKHeap(scratch.HeapItems[..into.Length], scratch.HeapScores);
        foreach (var item in _known)
        {
            if (exclude.BinarySearch(item) < 0)
            {
                heap.Offer(item, _videoBias[item] + VectorMath.Dot(userVector, _videoVectors.AsSpan(item * d, d)));
            }
        }

        return heap.Drain(into);
    }

    private sealed class ForwardProgress(IProgress<EvaluationProgress> inner, string stage) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => inner.Report(new EvaluationProgress(stage, value.Done, value.Total));
    }
}
