namespace Whisper.Parity.Gate;

/// <summary>
/// One point of a full fork's recovery curve: after retraining on <see cref="TrainedEvents"/> events (its log position),
/// the fork's NDCG@10 against the source's on the same requests.
/// </summary>
public sealed record RecoveryPoint(long TrainedEvents, double SourceNdcg10, double ForkNdcg10)
{
    public double RelativeLoss => Measures.CohortMeasures.Loss(SourceNdcg10, ForkNdcg10);
}
