namespace Whisper.Evaluation.Metrics;

/// <summary>One recommender's metrics on one split: means over test users, plus the list-set metrics.</summary>
/// <param name="Ndcg">Mean NDCG@k.</param>
/// <param name="Recall">Mean Recall@k.</param>
/// <param name="RecallAt50">Mean Recall@50.</param>
/// <param name="Mrr">Mean reciprocal rank of the first relevant item within the top 50 (0 when none).</param>
/// <param name="Coverage">Distinct videos in anyone's top k / videos in the catalog.</param>
/// <param name="CreatorGini">Gini of top-k slots per creator, over every creator with a catalog video.</param>
/// <param name="Users">Test users the means are over.</param>
public sealed record MetricSummary(double Ndcg, double Recall, double RecallAt50, double Mrr, double Coverage, double CreatorGini, int Users);
