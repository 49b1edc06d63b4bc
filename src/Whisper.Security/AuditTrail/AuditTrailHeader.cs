namespace Whisper.Security.AuditTrail;

/// <summary>
/// The first line of a trail file: which trail this is (<see cref="TrailId"/>, 32 lowercase hex digits, random at
/// creation) and when it was created. Its <see cref="Hash"/> is record 1's previous hash and the trail's genesis anchor.
/// </summary>
public sealed record AuditTrailHeader(string TrailId, DateTimeOffset Created, string Hash)
{
    /// <summary>The <c>format</c> value of the header line.</summary>
    public const string FormatName = "whisper-audit-trail";

    /// <summary>The only format version this build reads and writes.</summary>
    public const int Version = 1;

    public static AuditTrailHeader Create(string trailId, DateTimeOffset created)
    {
        var time = DateTimeOffset.FromUnixTimeMilliseconds(created.ToUnixTimeMilliseconds());
        return new AuditTrailHeader(trailId, time, AuditHash.Header(trailId, time));
    }
}
