using Whisper.Security.Audit.Rules;

namespace Whisper.Security.Audit;

/// <summary>What a scan found: findings sorted by path, position and rule, each with its fingerprint; plus the counts.</summary>
public sealed record AuditReport(
    string Root,
    AuditRules Rules,
    string Region,
    IReadOnlyList<AuditFinding> Findings,
    IReadOnlyList<AuditNotification> Notifications,
    int Files,
    long Bytes,
    TimeSpan Elapsed)
{
    public int Unsuppressed(AuditLevel atLeast) => Findings.Count(f => !f.Suppressed && f.Level >= atLeast);

    public int SuppressedCount => Findings.Count(f => f.Suppressed);
}
