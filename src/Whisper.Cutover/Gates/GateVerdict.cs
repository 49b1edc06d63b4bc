namespace Whisper.Cutover.Gates;

/// <summary>A gate's answer, with Argo Rollouts' analysis semantics: fail counts toward a rollback, inconclusive pauses.</summary>
public enum GateVerdict
{
    Pass = 0,
    Fail = 1,
    Inconclusive = 2,
}
