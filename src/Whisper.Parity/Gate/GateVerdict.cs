using Whisper.Parity.Explain;

namespace Whisper.Parity.Gate;

/// <summary>
/// What the cutover gateway reads (verdict.json, GET /v1/parity/verdict; docs/parity.md): the outcome, every check,
/// the reasons in words, the biggest cause of a loss when one was attributed, and in full-fork mode the training
/// position at which the fork first reached the NDCG threshold (null: not yet).
/// </summary>
public sealed record GateVerdict(
    GateOutcome Outcome,
    GateMode Mode,
    DateTimeOffset GeneratedAt,
    int Requests,
    int JudgedRequests,
    IReadOnlyList<GateCheck> Checks,
    IReadOnlyList<string> Reasons,
    ParityCause? BiggestCause,
    long? RecoveredAtPosition)
{
    public string OutcomeName => Outcome.ToString().ToLowerInvariant();
}
