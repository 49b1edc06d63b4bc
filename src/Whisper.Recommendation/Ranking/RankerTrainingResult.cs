using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.LightGbm;

namespace Whisper.Recommendation.Ranking;

/// <summary>A training run: the LightGBM ranker (null when long watch could not be trained), the report, and the pick.</summary>
public sealed class RankerTrainingResult
{
    internal RankerTrainingResult(LightGbmRanker? ranker, RankerTrainingReport report, IVersionedRanker serving,
        BinaryPredictionTransformer<CalibratedModelParametersBase<LightGbmBinaryModelParameters, PlattCalibrator>>?[] transformers)
    {
        Ranker = ranker;
        Report = report;
        Serving = serving;
        Transformers = transformers;
    }

    public LightGbmRanker? Ranker { get; }

    public RankerTrainingReport Report { get; }

    /// <summary>The ranker that measured better on held-out impressions: put it in the <see cref="RankerSlot"/>.</summary>
    public IVersionedRanker Serving { get; }

    /// <summary>The ML.NET models behind <see cref="Ranker"/>, for checking the fast path and for the PredictionEngine baseline.</summary>
    internal BinaryPredictionTransformer<CalibratedModelParametersBase<LightGbmBinaryModelParameters, PlattCalibrator>>?[] Transformers { get; }
}
