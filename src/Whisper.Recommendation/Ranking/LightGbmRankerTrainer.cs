using System.Diagnostics;
using System.IO.Hashing;
using System.Runtime.InteropServices;

using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.LightGbm;

namespace Whisper.Recommendation.Ranking;

/// <summary>
/// Trains one LightGBM binary classifier per objective on the earliest impressions and measures it against the
/// model-score fallback on the latest (time-ordered split, no shuffling). Deterministic: ML.NET seed and LightGBM seed
/// from <see cref="RankerOptions.Seed"/>, one thread.
/// </summary>
public static class LightGbmRankerTrainer
{
    public static RankerTrainingResult Train(ImpressionDataset data, RankingFeatureSource features, RankerOptions options)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(options);
        options.EnsureValid();
        var started = Stopwatch.GetTimestamp();
        var holdoutRows = Math.Max(1, (int)Math.Round(data.Rows * options.HoldoutFraction));
        var trainRows = data.Rows - holdoutRows;
        var fallback = new ModelScoreRanker(features.Model);
        if (trainRows < 1)
        {
            var empty = Enumerable.Range(0, ImpressionDataset.ObjectiveCount)
                .Select(k => new ObjectiveEvaluation((RankingObjective)k, false, 0, 0, double.NaN, double.NaN)).ToList();
            return new RankerTrainingResult(null, new RankerTrainingReport(0, data.Rows, empty, fallback.Version, Stopwatch.GetElapsedTime(started)), fallback,
                new BinaryPredictionTransformer<CalibratedModelParametersBase<LightGbmBinaryModelParameters, PlattCalibrator>>?[ImpressionDataset.ObjectiveCount]);
        }

        var transformers = new BinaryPredictionTransformer<CalibratedModelParametersBase<LightGbmBinaryModelParameters, PlattCalibrator>>?[ImpressionDataset.ObjectiveCount];
        var models = new CompiledTreeEnsemble?[ImpressionDataset.ObjectiveCount];
        var shared = new float[trainRows][];
        for (var i = 0; i < trainRows; i++)
        {
            shared[i] = data.Row(i).ToArray();
        }

        for (var k = 0; k < models.Length; k++)
        {
            var objective = (RankingObjective)k;
            if (data.Positives(objective, 0, trainRows) < options.MinimumPositives)
            {
                continue;
            }

            var ml = new MLContext(seed: options.Seed);
            var rows = new TrainingRow[trainRows];
            for (var i = 0; i < trainRows; i++)
            {
                rows[i] = new TrainingRow { Features = shared[i], Label = data.Label(i, objective) };
            }

            var trainer = ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
            {
                LabelColumnName = nameof(TrainingRow.Label),
                FeatureColumnName = nameof(TrainingRow.Features),
                NumberOfIterations = options.Iterations,
                NumberOfLeaves = options.NumberOfLeaves,
                MinimumExampleCountPerLeaf = options.MinimumExampleCountPerLeaf,
                LearningRate = options.LearningRate,
                NumberOfThreads = 1,
                Seed = options.Seed,
                Silent = true,
            });
            transformers[k] = trainer.Fit(ml.Data.LoadFromEnumerable(rows));
            models[k] = CompiledTreeEnsemble.From(transformers[k]!.Model);
        }

        var version = "lightgbm-" + XxHash3.HashToUInt64(MemoryMarshal.AsBytes(data.Features.AsSpan(0, trainRows * RankingFeatures.Count)), options.Seed).ToString("x16", System.Globalization.CultureInfo.InvariantCulture)[..8];
        var ranker = models[(int)RankingObjective.LongWatch] is null ? null : new LightGbmRanker(models, features, options, version);
        var evaluations = Evaluate(data, trainRows, models);
        var longWatch = evaluations[(int)RankingObjective.LongWatch];
        var lightGbmWins = ranker is not null && longWatch.LightGbmAuc > longWatch.ModelScoreAuc;
        var report = new RankerTrainingReport(trainRows, holdoutRows, evaluations, lightGbmWins ? "lightgbm" : fallback.Version, Stopwatch.GetElapsedTime(started));
        return new RankerTrainingResult(ranker, report, lightGbmWins ? ranker! : fallback, transformers);
    }

    private static ObjectiveEvaluation[] Evaluate(ImpressionDataset data, int trainRows, CompiledTreeEnsemble?[] models)
    {
        var n = data.Rows - trainRows;
        var modelScores = new float[n];
        for (var i = 0; i < n; i++)
        {
            modelScores[i] = data.Row(trainRows + i)[RankingFeatures.ModelScore];
        }

        var result = new ObjectiveEvaluation[models.Length];
        var labels = new bool[n];
        var predictions = new float[n];
        for (var k = 0; k < models.Length; k++)
        {
            var objective = (RankingObjective)k;
            for (var i = 0; i < n; i++)
            {
                labels[i] = data.Label(trainRows + i, objective);
                predictions[i] = models[k]?.Probability(data.Row(trainRows + i)) ?? 0;
            }

            result[k] = new ObjectiveEvaluation(objective, models[k] is not null, data.Positives(objective, 0, trainRows), data.Positives(objective, trainRows, data.Rows),
                models[k] is null ? double.NaN : Auc.Compute(predictions, labels), Auc.Compute(modelScores, labels));
        }

        return result;
    }

    /// <summary>One ML.NET training row; <see cref="Features"/> is shared between the objectives' row sets.</summary>
    internal sealed class TrainingRow
    {
        [VectorType(RankingFeatures.Count)]
        public float[] Features { get; set; } = [];

        public bool Label { get; set; }
    }
}
