using System.Collections.Frozen;

namespace Whisper.Cutover.Cohorts;

/// <summary>
/// Who is moved after the first <see cref="StepsApplied"/> steps of a plan: a pure function of the plan and that
/// number, so every replica that reads the same plan and state file decides the same for every user. Immutable; the
/// gateway swaps whole instances when the state changes.
/// </summary>
public sealed class CohortAssignment
{
    private readonly string _groupId;
    private readonly FrozenSet<long> _staff;
    private readonly FrozenSet<long> _creators;

    public CohortAssignment(CutoverPlan plan, int stepsApplied)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentOutOfRangeException.ThrowIfNegative(stepsApplied);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(stepsApplied, plan.Steps.Count);
        _groupId = plan.GroupId;
        StepsApplied = stepsApplied;
        var staff = false;
        var creators = false;
        var buckets = 0;
        for (var i = 0; i < stepsApplied; i++)
        {
            var step = plan.Steps[i];
            staff |= step.Moves == CohortKind.Staff;
            creators |= step.Moves == CohortKind.Creators;
            buckets = Math.Max(buckets, step.Buckets);
        }

        _staff = staff ? plan.Staff : FrozenSet<long>.Empty;
        _creators = creators ? plan.Creators : FrozenSet<long>.Empty;
        StaffMoved = staff;
        CreatorsMoved = creators;
        Buckets = buckets;
    }

    public int StepsApplied { get; }

    /// <summary>Users of everyone whose bucket is below this are moved (2,500 = 25 %).</summary>
    public int Buckets { get; }

    public bool StaffMoved { get; }

    public bool CreatorsMoved { get; }

    public bool IsMoved(long userId) =>
        _staff.Contains(userId) || _creators.Contains(userId) || (Buckets > 0 && CohortBucket.Of(_groupId, userId) < Buckets);
}
