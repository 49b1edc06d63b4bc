namespace Whisper.Recommendation.Ranking;

/// <summary>Held-out quality of one objective: LightGBM's AUC next to the model-score fallback's, on the same rows.</summary>
/// <param name="Objective">What is predicted.</param>
/// <param name="Trained">False when the training rows had fewer than <see cref="RankerOptions.MinimumPositives"/> positives.</param>
/// <param name="TrainPositives">Positive training rows.</param>
/// <param name="HoldoutPositives">Positive held-out rows.</param>
/// <param name="LightGbmAuc">NaN when not trained or the held-out rows lack a class.</param>
/// <param name="ModelScoreAuc">The fallback's AUC (model score alone).</param>
public sealed record ObjectiveEvaluation(RankingObjective Objective, bool Trained, int TrainPositives, int HoldoutPositives, double LightGbmAuc, double ModelScoreAuc);
