using Whisper.Security.Compliance.Catalog;
using Whisper.Security.Compliance.Evidence;

namespace Whisper.Security.Compliance;

/// <summary>A control after its evidence was checked, with the status that follows (docs/security/compliance.md, "Status").</summary>
public sealed record ControlResult(ControlDefinition Control, IReadOnlyList<EvidenceCheck> Evidence)
{
    public ControlStatus Status { get; } = StatusOf(Control, Evidence);

    /// <summary>True when an item failed or is missing: the evidence the catalog claims no longer checks out.</summary>
    public bool HasDrift => Evidence.Any(e => e.Result.IsDrift);

    public int Count(EvidenceStatus status) => Evidence.Count(e => e.Result.Status == status);

    /// <summary>
    /// Gap when no item passed (none listed counts); implemented when every item passed and no blocking gap is stated;
    /// partial otherwise. A not-run probe is not a pass: the claim was not checked.
    /// </summary>
    public static ControlStatus StatusOf(ControlDefinition control, IReadOnlyList<EvidenceCheck> evidence)
    {
        ArgumentNullException.ThrowIfNull(control);
        ArgumentNullException.ThrowIfNull(evidence);
        var passed = evidence.Count(e => e.Result.Status == EvidenceStatus.Pass);
        if (passed == 0)
        {
            return ControlStatus.Gap;
        }

        return passed == evidence.Count && !control.Gaps.Any(g => g.Blocking) ? ControlStatus.Implemented : ControlStatus.Partial;
    }
}
