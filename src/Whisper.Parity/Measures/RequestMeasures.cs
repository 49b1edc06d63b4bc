using Whisper.Evaluation.Metrics;
using Whisper.Parity.Shadow;

namespace Whisper.Parity.Measures;

/// <summary>
/// One request's measures: NDCG@10 and Recall@50 of each answer against the held-out positives (both 0 when there
/// are none; such requests are left out of the relevance means), top-10 Jaccard and RBO@10 (p = 0.9) between the answers.
/// </summary>
public sealed record RequestMeasures(double SourceNdcg10, double ForkNdcg10, double SourceRecall50, double ForkRecall50, double Jaccard10, double Rbo10)
{
    public const int TopK = 10;
    public const int RecallK = 50;
    public const double RboPersistence = 0.9;

    public static RequestMeasures Of(IReadOnlyList<RankedVideo> source, IReadOnlyList<RankedVideo> fork, long[] positives)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(fork);
        ArgumentNullException.ThrowIfNull(positives);
        var a = Ids(source);
        var b = Ids(fork);
        var (sourceNdcg, sourceRecall) = Relevance(a, positives);
        var (forkNdcg, forkRecall) = Relevance(b, positives);
        return new RequestMeasures(sourceNdcg, forkNdcg, sourceRecall, forkRecall, RankOverlap.Jaccard(a, b, TopK), RankOverlap.Rbo(a, b, RboPersistence, TopK));
    }

    private static long[] Ids(IReadOnlyList<RankedVideo> items)
    {
        var ids = new long[items.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = items[i].VideoId;
        }

        return ids;
    }

    /// <summary>
    /// Evaluation's metrics work on dense ints: positives become 0..m−1 (ascending, as they are sorted), every other
    /// listed video a distinct negative, so membership and order are kept exactly.
    /// </summary>
    private static (double Ndcg, double Recall) Relevance(long[] ranked, long[] positives)
    {
        if (positives.Length == 0)
        {
            return (0, 0);
        }

        var dense = new int[ranked.Length];
        for (var i = 0; i < ranked.Length; i++)
        {
            var at = Array.BinarySearch(positives, ranked[i]);
            dense[i] = at >= 0 ? at : -1 - i;
        }

        var relevant = new int[positives.Length];
        for (var i = 0; i < relevant.Length; i++)
        {
            relevant[i] = i;
        }

        return (RankingMetrics.Ndcg(dense, relevant, TopK), RankingMetrics.Recall(dense, relevant, RecallK));
    }
}
