namespace Whisper.Cutover.Control;

/// <summary>Whether the controller may take the next scheduled step (docs/cutover.md, "Gates and rollback").</summary>
public enum CutoverPhase
{
    /// <summary>Steps are taken when due and the gates pass.</summary>
    Running = 0,

    /// <summary>A gate was inconclusive: no step is taken; the next passing check resumes by itself.</summary>
    Paused = 1,

    /// <summary>A gate failed N checks in a row and the last step was undone: held until an operator advances.</summary>
    RolledBack = 2,
}
