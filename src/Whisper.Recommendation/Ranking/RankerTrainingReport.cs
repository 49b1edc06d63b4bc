namespace Whisper.Recommendation.Ranking;

/// <summary>What training measured and which ranker should serve.</summary>
/// <param name="TrainRows">Impressions trained on (the earliest ones).</param>
/// <param name="HoldoutRows">Impressions held out (the latest ones).</param>
/// <param name="Objectives">Per-objective held-out AUCs.</param>
/// <param name="Serving">"lightgbm" when its long-watch AUC beats the fallback's on held-out rows, else "model-score".</param>
/// <param name="Elapsed">Wall time of training all objectives.</param>
public sealed record RankerTrainingReport(int TrainRows, int HoldoutRows, IReadOnlyList<ObjectiveEvaluation> Objectives, string Serving, TimeSpan Elapsed)
{
    public ObjectiveEvaluation this[RankingObjective objective] => Objectives[(int)objective];
}
