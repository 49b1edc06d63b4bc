namespace Whisper.Fork.Residency;

/// <summary>What happens to a user whose verdict is <see cref="ResidencyVerdict.Conflict"/>. Both report the user.</summary>
public enum ConflictHandling
{
    /// <summary>"report-exclude" (the default): report the user and leave them (and their data) behind.</summary>
    ReportExclude,

    /// <summary>"report-include": report the user and move them with the residents.</summary>
    ReportInclude,
}
