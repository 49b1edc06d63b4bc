namespace Whisper.Recommendation.RankingAudit;

/// <summary>Exact binomial tail probabilities, summed in log space (n up to millions without overflow).</summary>
internal static class BinomialTail
{
    /// <summary>P(X ≥ k) for X ~ Binomial(n, p).</summary>
    public static double Upper(long k, long n, double p) => k <= 0 ? 1 : k > n ? 0 : Sum(k, n, n, p);

    /// <summary>P(X ≤ k) for X ~ Binomial(n, p).</summary>
    public static double Lower(long k, long n, double p) => k >= n ? 1 : k < 0 ? 0 : Sum(0, k, n, p);

    private static double Sum(long from, long to, long n, double p)
    {
        if (p <= 0)
        {
            return from == 0 ? 1 : 0;
        }

        if (p >= 1)
        {
            return to == n ? 1 : 0;
        }

        double logP = Math.Log(p), logQ = Math.Log(1 - p), logN = LogFactorial(n);
        var max = double.NegativeInfinity;
        var terms = new double[to - from + 1];
        for (var k = from; k <= to; k++)
        {
            var term = logN - LogFactorial(k) - LogFactorial(n - k) + (k * logP) + ((n - k) * logQ);
            terms[k - from] = term;
            max = Math.Max(max, term);
        }

        var sum = 0.0;
        foreach (var term in terms)
        {
            sum += Math.Exp(term - max);
        }

        return Math.Min(1, Math.Exp(max + Math.Log(sum)));
    }

    /// <summary>ln(n!) by Stirling's series past 20 (error below 1e-10), exact below.</summary>
    private static double LogFactorial(long n)
    {
        if (n < 2)
        {
            return 0;
        }

        if (n <= 20)
        {
            var f = 1.0;
            for (var i = 2; i <= n; i++)
            {
                f *= i;
            }

            return Math.Log(f);
        }

        double x = n;
        return (x * Math.Log(x)) - x + (0.5 * Math.Log(2 * Math.PI * x)) + (1 / (12 * x)) - (1 / (360 * x * x * x));
    }
}
