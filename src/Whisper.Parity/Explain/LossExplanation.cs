namespace Whisper.Parity.Explain;

/// <summary>
/// Why the fork is worse: the metric attributed (<c>ndcg@10</c> when the fork loses NDCG, else <c>rbo@10</c> — the
/// shortfall from 1 — when the lists differ), every detected cause with its ablation, and the biggest.
/// </summary>
public sealed record LossExplanation(string Metric, double SourceValue, double ForkValue, IReadOnlyList<CauseAttribution> Causes, ParityCause? Biggest)
{
    public static LossExplanation None { get; } = new("none", 0, 0, [], null);
}
