using Whisper.Parity.Measures;
using Whisper.Parity.Shadow;

namespace Whisper.Parity.Explain;

/// <summary>
/// Attributes the fork's loss by ablation: for each detected cause, the fork is rebuilt with that one cause set to the
/// source's and the same requests are replayed; the share of the loss the rebuild recovers is that cause's part. The
/// biggest recovers most. Nothing runs when the fork is not worse (no NDCG loss and identical lists).
/// </summary>
public static class LossAttribution
{
    public static async Task<LossExplanation> ExplainAsync(
        ReplayPlan plan,
        IFeedRegion source,
        ParityMeasures baseline,
        IReadOnlyList<DetectedCause> causes,
        IRegionAblation? ablation,
        ShadowOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(causes);
        var overall = baseline.Overall;
        var (metric, sourceValue, forkValue) = overall.RelativeNdcgLoss > 0 ? ("ndcg@10", overall.SourceNdcg10, overall.ForkNdcg10)
            : overall.Rbo10 < 1 ? ("rbo@10", 1.0, overall.Rbo10)
            : ("none", 0, 0);
        if (metric == "none")
        {
            return LossExplanation.None;
        }

        var attributions = new List<CauseAttribution>(causes.Count);
        foreach (var detected in causes)
        {
            var rebuilt = ablation is null ? null : await ablation.RebuildAsync(detected.Cause, cancellationToken).ConfigureAwait(false);
            if (rebuilt is null)
            {
                attributions.Add(new CauseAttribution(detected.Cause, detected.Evidence, null, null, null));
                continue;
            }

            var records = await new ShadowRunner(source, rebuilt, options).RunAsync(plan, cancellationToken: cancellationToken).ConfigureAwait(false);
            var after = ParityMeasures.Of(records).Overall;
            var value = metric == "ndcg@10" ? after.ForkNdcg10 : after.Rbo10;
            attributions.Add(new CauseAttribution(detected.Cause, detected.Evidence, after.ForkNdcg10, after.Rbo10, (value - forkValue) / (sourceValue - forkValue)));
        }

        var biggest = attributions.Where(a => a.Recovered is not null).OrderByDescending(a => a.Recovered).Select(a => (ParityCause?)a.Cause).FirstOrDefault();
        return new LossExplanation(metric, sourceValue, forkValue, attributions, biggest);
    }
}
