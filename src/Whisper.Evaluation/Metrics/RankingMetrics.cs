namespace Whisper.Evaluation.Metrics;

/// <summary>
/// Per-user ranking metrics over a ranked list (best first, distinct items) and the user's relevant items (ascending,
/// distinct), plus the list-set metrics coverage and Gini. Binary relevance; formulas in docs/evaluation.md.
/// Allocation-free; membership is a binary search in the relevant items.
/// </summary>
public static class RankingMetrics
{
    /// <summary>NDCG@k = DCG@k / IDCG@k, DCG@k = Σ_{i≤k, item i relevant} 1 / log2(i + 1), IDCG@k = Σ_{i≤min(|R|, k)} 1 / log2(i + 1); 0 when R is empty.</summary>
    public static double Ndcg(ReadOnlySpan<int> ranked, ReadOnlySpan<int> relevant, int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        if (relevant.IsEmpty)
        {
            return 0;
        }

        double dcg = 0, ideal = 0;
        var n = Math.Min(k, ranked.Length);
        for (var i = 0; i < n; i++)
        {
            if (relevant.BinarySearch(ranked[i]) >= 0)
            {
                dcg += 1.0 / Math.Log2(i + 2);
            }
        }

        var m = Math.Min(k, relevant.Length);
        for (var i = 0; i < m; i++)
        {
            ideal += 1.0 / Math.Log2(i + 2);
        }

        return dcg / ideal;
    }

    /// <summary>Recall@k = |top-k ∩ R| / |R|; 0 when R is empty.</summary>
    public static double Recall(ReadOnlySpan<int> ranked, ReadOnlySpan<int> relevant, int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        if (relevant.IsEmpty)
        {
            return 0;
        }

        var hits = 0;
        var n = Math.Min(k, ranked.Length);
        for (var i = 0; i < n; i++)
        {
            hits += relevant.BinarySearch(ranked[i]) >= 0 ? 1 : 0;
        }

        return (double)hits / relevant.Length;
    }

    /// <summary>1 / (1-based rank of the first relevant item in <paramref name="ranked"/>), 0 when none is there.</summary>
    public static double ReciprocalRank(ReadOnlySpan<int> ranked, ReadOnlySpan<int> relevant)
    {
        for (var i = 0; i < ranked.Length; i++)
        {
            if (relevant.BinarySearch(ranked[i]) >= 0)
            {
                return 1.0 / (i + 1);
            }
        }

        return 0;
    }

    /// <summary>Share of the catalog recommended to anyone: distinct recommended items / catalog size (0 for an empty catalog).</summary>
    public static double Coverage(int distinctRecommended, int catalogSize) =>
        catalogSize <= 0 ? 0 : Math.Clamp((double)distinctRecommended / catalogSize, 0, 1);

    /// <summary>
    /// Gini coefficient of non-negative exposures: G = Σ_i (2i − n − 1) · x_(i) / (n · Σ x), x ascending, i = 1..n.
    /// 0 when every entry is equal (or all are 0); (n − 1) / n when one entry holds everything.
    /// Sorts <paramref name="exposure"/> in place.
    /// </summary>
    public static double Gini(Span<long> exposure)
    {
        var n = exposure.Length;
        if (n == 0)
        {
            return 0;
        }

        exposure.Sort();
        double total = 0, weighted = 0;
        for (var i = 0; i < n; i++)
        {
            if (exposure[i] < 0)
            {
                throw new ArgumentException("Exposure counts must be non-negative.", nameof(exposure));
            }

            total += exposure[i];
            weighted += ((2.0 * (i + 1)) - n - 1) * exposure[i];
        }

        return total == 0 ? 0 : weighted / (n * total);
    }
}
