namespace Whisper.Parity.Measures;

/// <summary>How alike two ranked lists (distinct ids, best first) are: set overlap of the heads, and rank-biased overlap.</summary>
public static class RankOverlap
{
    /// <summary>|A_k ∩ B_k| / |A_k ∪ B_k| of the top-k of each list; 1 when both are empty.</summary>
    public static double Jaccard(ReadOnlySpan<long> a, ReadOnlySpan<long> b, int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        a = a[..Math.Min(k, a.Length)];
        b = b[..Math.Min(k, b.Length)];
        if (a.IsEmpty && b.IsEmpty)
        {
            return 1;
        }

        var common = 0;
        foreach (var x in a)
        {
            common += b.Contains(x) ? 1 : 0;
        }

        return (double)common / (a.Length + b.Length - common);
    }

    /// <summary>
    /// Extrapolated rank-biased overlap of the top-k of each list, RBO_ext (Webber, Moffat, Zobel 2010, "A similarity
    /// measure for indefinite rankings", ACM TOIS 28(4), eq. 32 — the uneven-length form): with s ≤ l the two lengths,
    /// X_d = |A_{:d} ∩ B_{:d}| (a list shorter than d contributes all its items),
    /// RBO_ext = (1−p)/p · [Σ_{d=1..l} X_d/d · p^d + Σ_{d=s+1..l} X_s (d−s)/(s d) · p^d] + [(X_l − X_s)/l + X_s/s] · p^l.
    /// It assumes the agreement seen at the last depth continues, so two identical lists score exactly 1 and disjoint
    /// ones 0. p is the persistence: 0.9 puts ~86% of the weight on the first 10 ranks. 1 when both are empty, 0 when one is.
    /// </summary>
    public static double Rbo(ReadOnlySpan<long> a, ReadOnlySpan<long> b, double p, int k)
    {
        if (!(p is > 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "RBO persistence must be in (0, 1), e.g. 0.9.");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        a = a[..Math.Min(k, a.Length)];
        b = b[..Math.Min(k, b.Length)];
        if (a.IsEmpty || b.IsEmpty)
        {
            return a.IsEmpty && b.IsEmpty ? 1 : 0;
        }

        var shorter = a.Length <= b.Length ? a : b;
        var longer = a.Length <= b.Length ? b : a;
        int s = shorter.Length, l = longer.Length;
        var seen = new HashSet<long>();
        int overlap = 0, overlapAtS = 0;
        double sum = 0, weight = 1;
        for (var d = 1; d <= l; d++)
        {
            // X_d grows by one for each item that has now appeared in both prefixes.
            if (d <= s)
            {
                overlap += seen.Add(shorter[d - 1]) ? 0 : 1;
            }

            overlap += seen.Add(longer[d - 1]) ? 0 : 1;
            weight *= p;
            if (d == s)
            {
                overlapAtS = overlap;
            }

            sum += (double)overlap / d * weight;
            if (d > s)
            {
                sum += (double)overlapAtS * (d - s) / ((double)s * d) * weight;
            }
        }

        return ((1 - p) / p * sum) + ((((double)(overlap - overlapAtS) / l) + ((double)overlapAtS / s)) * weight);
    }
}
