namespace Whisper.Evaluation.Splits;

/// <summary>How the log is divided into training and test data.</summary>
public enum SplitKind
{
    /// <summary>Train on events before a cutoff time; test on positives after it.</summary>
    Temporal,

    /// <summary>Each user's last positive is the test item; everything else trains.</summary>
    LeaveLastOut,
}
