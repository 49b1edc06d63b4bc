namespace Whisper.Parity.Measures;

/// <summary>
/// The measures of a set of requests (one cohort, or all): relevance means over the requests with held-out positives
/// (<see cref="Judged"/>), overlap means over the requests both sides answered, and each side's latency.
/// <see cref="RelativeNdcgLoss"/> = (source − fork) / source (0 when the source scores 0; negative: the fork is better).
/// </summary>
public sealed record CohortMeasures(
    string Cohort,
    int Requests,
    int Judged,
    double SourceNdcg10,
    double ForkNdcg10,
    double SourceRecall50,
    double ForkRecall50,
    double Jaccard10,
    double Rbo10,
    LatencySummary SourceLatency,
    LatencySummary ForkLatency)
{
    public double RelativeNdcgLoss => Loss(SourceNdcg10, ForkNdcg10);

    public double RelativeRecallLoss => Loss(SourceRecall50, ForkRecall50);

    public static double Loss(double source, double fork) => source > 0 ? (source - fork) / source : 0;
}
