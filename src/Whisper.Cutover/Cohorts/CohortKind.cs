namespace Whisper.Cutover.Cohorts;

/// <summary>Who a step moves, in the order a plan must move them: staff first, then creators, then a share of everyone.</summary>
public enum CohortKind
{
    /// <summary>Every user on the plan's staff list, whatever their bucket.</summary>
    Staff = 0,

    /// <summary>Every user on the plan's creators list, whatever their bucket.</summary>
    Creators = 1,

    /// <summary>The users whose bucket is below the step's threshold.</summary>
    Everyone = 2,
}
