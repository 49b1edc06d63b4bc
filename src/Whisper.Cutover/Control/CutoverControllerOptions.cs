namespace Whisper.Cutover.Control;

/// <summary>How the controller judges the gates (docs/cutover.md, "Gates and rollback").</summary>
public sealed record CutoverControllerOptions
{
    /// <summary>Consecutive failing checks that roll the last step back (N). A single failure is noise; N in a row is a trend.</summary>
    public int FailuresToRollback { get; init; } = 3;

    /// <summary>How often the gate loop checks the gates and the schedule.</summary>
    public TimeSpan CheckInterval { get; init; } = TimeSpan.FromMinutes(1);
}
