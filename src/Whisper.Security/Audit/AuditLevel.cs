namespace Whisper.Security.Audit;

/// <summary>How serious a finding is; the names and order are SARIF's <c>level</c> values (note &lt; warning &lt; error).</summary>
public enum AuditLevel
{
    Note = 1,
    Warning = 2,
    Error = 3,
}
