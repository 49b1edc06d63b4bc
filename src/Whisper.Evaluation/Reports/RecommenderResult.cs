using Whisper.Evaluation.Metrics;

namespace Whisper.Evaluation.Reports;

/// <summary>One recommender's outcome on the split.</summary>
/// <param name="Name">Its <see cref="IRecommender.Name"/>.</param>
/// <param name="Parameters">Its hyper-parameters.</param>
/// <param name="Metrics">Metrics at the report's k.</param>
/// <param name="FitSeconds">Wall time of <see cref="IRecommender.FitAsync"/>.</param>
/// <param name="RecommendSeconds">Wall time of recommending for every test user (and scoring, which is negligible).</param>
public sealed record RecommenderResult(
    string Name,
    IReadOnlyDictionary<string, string> Parameters,
    MetricSummary Metrics,
    double FitSeconds,
    double RecommendSeconds);
