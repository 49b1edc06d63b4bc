namespace Whisper.Security.Audit;

/// <summary>Something the scan could not do for one file (unreadable, too large, not a .NET assembly); SARIF's toolExecutionNotifications.</summary>
public sealed record AuditNotification(string Path, AuditLevel Level, string Message);
