namespace Whisper.Parity.Measures;

/// <summary>
/// How the fork moves exposure between creators, over the top-10s both sides served. Creators are ranked by source
/// impressions (then fork impressions, then id) and cut into ten deciles, decile 1 the most exposed; each decile's
/// impression share is given per side. <see cref="KlDivergence"/> = Σ_c P(c) ln(P(c)/Q(c)) over every creator either
/// side showed, P the source's and Q the fork's impression shares, each smoothed as (n_c + α) / (N + α·C) with α = 0.5
/// so a creator one side never showed does not make it infinite. <see cref="Hurt"/>: creators whose reach falls by
/// more than the threshold, with at least the minimum source reach (smaller ones are noise), largest fall first.
/// </summary>
public sealed record ExposureShift(IReadOnlyList<double> SourceDecileShare, IReadOnlyList<double> ForkDecileShare, double KlDivergence, IReadOnlyList<CreatorReach> Hurt, int Creators, double HurtThreshold, int MinSourceReach)
{
    public const double Smoothing = 0.5;
    public const int Deciles = 10;

    /// <summary>Builds the shift from per-creator reach (<paramref name="creators"/>: every creator either side showed).</summary>
    public static ExposureShift Of(IReadOnlyList<CreatorReach> creators, double hurtThreshold, int minSourceReach)
    {
        ArgumentNullException.ThrowIfNull(creators);
        if (!(hurtThreshold is > 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(hurtThreshold), hurtThreshold, "The reach-fall threshold must be in (0, 1], e.g. 0.5 for a fall of more than half.");
        }

        var ordered = creators.OrderByDescending(c => c.SourceImpressions).ThenByDescending(c => c.ForkImpressions).ThenBy(c => c.CreatorId).ToArray();
        double sourceTotal = ordered.Sum(c => (double)c.SourceImpressions), forkTotal = ordered.Sum(c => (double)c.ForkImpressions);
        var source = new double[Deciles];
        var fork = new double[Deciles];
        for (var i = 0; i < ordered.Length; i++)
        {
            var decile = (int)((long)i * Deciles / ordered.Length);
            source[decile] += sourceTotal > 0 ? ordered[i].SourceImpressions / sourceTotal : 0;
            fork[decile] += forkTotal > 0 ? ordered[i].ForkImpressions / forkTotal : 0;
        }

        var hurt = ordered.Where(c => c.SourceReach >= minSourceReach && -c.ReachChange > hurtThreshold)
            .OrderBy(c => c.ReachChange).ThenByDescending(c => c.SourceReach).ThenBy(c => c.CreatorId).ToArray();
        return new ExposureShift(source, fork, Kl(ordered, sourceTotal, forkTotal), hurt, ordered.Length, hurtThreshold, minSourceReach);
    }

    /// <summary>Smoothed KL(P_source ‖ Q_fork) in nats; 0 when there are no creators.</summary>
    public static double Kl(IReadOnlyList<CreatorReach> creators, double sourceTotal, double forkTotal)
    {
        ArgumentNullException.ThrowIfNull(creators);
        var n = creators.Count;
        if (n == 0)
        {
            return 0;
        }

        double kl = 0;
        foreach (var c in creators)
        {
            var p = (c.SourceImpressions + Smoothing) / (sourceTotal + (Smoothing * n));
            var q = (c.ForkImpressions + Smoothing) / (forkTotal + (Smoothing * n));
            kl += p * Math.Log(p / q);
        }

        return kl;
    }
}
