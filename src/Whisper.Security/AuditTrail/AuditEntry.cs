namespace Whisper.Security.AuditTrail;

/// <summary>
/// What the caller records about one privileged action: who (<see cref="Actor"/> with its <see cref="Roles"/>), what
/// (<see cref="Action"/> on <see cref="Target"/>), when, from where, and how it ended. The trail adds the sequence and
/// the hash chain (<see cref="AuditRecord"/>).
/// </summary>
/// <param name="Time">When the action ended; stored in whole milliseconds, UTC.</param>
/// <param name="Actor">Who acted: <c>key:&lt;key id&gt;</c>, <c>jwt:&lt;subject&gt;</c> or <c>anonymous</c>.</param>
/// <param name="Roles">The roles the actor held (wire names), possibly none.</param>
/// <param name="Action">What was done, e.g. <c>POST /v1/tlog/entries</c> (method and route pattern).</param>
/// <param name="Target">What it was done to, e.g. the request path <c>/v1/users/42</c>.</param>
/// <param name="Outcome">How it ended.</param>
/// <param name="Status">The HTTP status answered (0 when not an HTTP action).</param>
/// <param name="SourceIp">Where the request came from, or empty.</param>
public sealed record AuditEntry(
    DateTimeOffset Time,
    string Actor,
    IReadOnlyList<string> Roles,
    string Action,
    string Target,
    AuditOutcome Outcome,
    int Status,
    string SourceIp);
