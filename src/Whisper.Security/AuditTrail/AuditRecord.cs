namespace Whisper.Security.AuditTrail;

/// <summary>
/// One line of the audit trail: an <see cref="AuditEntry"/>'s fields plus its place in the chain. <see cref="Hash"/> is
/// SHA-256 over the canonical encoding of every other field (<see cref="AuditHash.Record"/>), <see cref="PreviousHash"/>
/// the hash of the record before (or of the header for record 1). Layout: docs/security/audit-trail.md.
/// </summary>
public sealed record AuditRecord(
    long Sequence,
    DateTimeOffset Time,
    string Actor,
    IReadOnlyList<string> Roles,
    string Action,
    string Target,
    AuditOutcome Outcome,
    int Status,
    string SourceIp,
    string PreviousHash,
    string Hash)
{
    /// <summary>Chains <paramref name="entry"/> after the record (or header) hashing to <paramref name="previousHash"/>.</summary>
    public static AuditRecord Seal(AuditEntry entry, long sequence, string previousHash)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var time = DateTimeOffset.FromUnixTimeMilliseconds(entry.Time.ToUnixTimeMilliseconds());
        var unsealed = new AuditRecord(sequence, time, entry.Actor, [.. entry.Roles], entry.Action, entry.Target, entry.Outcome, entry.Status, entry.SourceIp, previousHash, "");
        return unsealed with { Hash = AuditHash.Record(unsealed) };
    }
}
