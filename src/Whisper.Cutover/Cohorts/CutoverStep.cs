namespace Whisper.Cutover.Cohorts;

/// <summary>
/// One step of a plan: what it moves and when it is due, as an offset from the launch in the plan's calendar
/// (<see cref="AfterMonths"/> calendar months, then <see cref="AfterDays"/> days, at the launch's wall-clock time).
/// <see cref="Buckets"/> is the threshold for <see cref="CohortKind.Everyone"/> (0..10,000; 2,500 is 25 %), 0 otherwise.
/// </summary>
public sealed record CutoverStep(int Number, CohortKind Moves, int Buckets, int AfterMonths, int AfterDays)
{
    /// <summary>Short text for logs, the audit trail and the CLI: "staff", "creators", "everyone 25%".</summary>
    public string Describe() => Moves switch
    {
        CohortKind.Staff => "staff",
        CohortKind.Creators => "creators",
        _ => $"everyone {Buckets / 100.0:0.##}%",
    };
}
