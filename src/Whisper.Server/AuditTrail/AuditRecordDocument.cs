using Whisper.Security.AuditTrail;

namespace Whisper.Server.AuditTrail;

/// <summary>One audit record as <c>GET /v1/audit-trail</c> returns it: the same fields as the trail file's line.</summary>
public sealed record AuditRecordDocument(
    long Seq, DateTimeOffset Time, string Actor, IReadOnlyList<string> Roles, string Action, string Target, string Outcome, int Status, string SourceIp, string Prev, string Hash)
{
    internal static AuditRecordDocument From(AuditRecord r) =>
        new(r.Sequence, r.Time, r.Actor, r.Roles, r.Action, r.Target, r.Outcome.ToWireName(), r.Status, r.SourceIp, r.PreviousHash, r.Hash);
}
