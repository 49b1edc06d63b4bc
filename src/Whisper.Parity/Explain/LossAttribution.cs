using Whisper.Parity.Measures;
using Whisper.Parity.Shadow;

namespace Whisper.Parity.Explain;

/// <summary>
/// Attributes the fork's loss by ablation: for each detected cause, the fork is rebuilt with that one cause set to the
/// source's and the same requests are replayed; the share of the loss the rebuild recovers is that cause's part. The
/// biggest recovers most. Nothing runs when the fork is not worse (no NDCG loss and identical lists). With more than
/// <c>maxRequests</c> requests, every ablation replays an evenly spaced sample of them and the loss to explain is the
/// fork's on that sample, so each rebuild costs the same bounded replay.
/// </summary>
public static class LossAttribution
{
    public static async Task<LossExplanation> ExplainAsync(
        ReplayPlan plan,
        IFeedRegion source,
        IReadOnlyList<ShadowRecord> baseline,
        IReadOnlyList<DetectedCause> causes,
        IRegionAblation? ablation,
        ShadowOptions? options = null,
        int maxRequests = int.MaxValue,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(causes);
        var sample = EvenSample.Of(baseline, maxRequests);
        var samplePlan = sample.Count == plan.Requests.Count ? plan : new ReplayPlan([.. sample.Select(r => r.Request)], plan.HeldOut);
        var overall = ParityMeasures.Of(sample).Overall;
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
            var rebuild = ablation is null ? null : await ablation.RebuildAsync(detected.Cause, cancellationToken).ConfigureAwait(false);
            if (rebuild?.Region is not { } rebuilt)
            {
                attributions.Add(new CauseAttribution(detected.Cause, detected.Evidence, null, null, null, rebuild?.NotAblatable));
                continue;
            }

            IReadOnlyList<ShadowRecord> records;
            try
            {
                records = await new ShadowRunner(source, rebuilt, options).RunAsync(samplePlan, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                if (rebuilt is IAsyncDisposable owned)
                {
                    await owned.DisposeAsync().ConfigureAwait(false);
                }
            }

            var after = ParityMeasures.Of(records).Overall;
            var value = metric == "ndcg@10" ? after.ForkNdcg10 : after.Rbo10;
            attributions.Add(new CauseAttribution(detected.Cause, detected.Evidence, after.ForkNdcg10, after.Rbo10, (value - forkValue) / (sourceValue - forkValue)));
        }

        var biggest = attributions.Where(a => a.Recovered is not null).OrderByDescending(a => a.Recovered).Select(a => (ParityCause?)a.Cause).FirstOrDefault();
        return new LossExplanation(metric, sourceValue, forkValue, attributions, biggest);
    }
}
