using System.Text;

using Whisper.Security.AuditTrail;

namespace Whisper.Security.Tests.AuditTrail;

/// <summary>docs/security/audit-trail.md, "Annotated example", byte for byte, and the reader's strictness.</summary>
public sealed class AuditTrailLinesTests
{
    private const string TrailId = "3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c";

    [Fact]
    public void Format_HeaderAndRecord_AreAsDocumented()
    {
        var header = AuditTrailHeader.Create(TrailId, TrailFolder.T0);
        var record = AuditRecord.Seal(
            new AuditEntry(TrailFolder.T0.AddMilliseconds(1234), "jwt:alice", ["auditor"], "GET /v1/audit-trail", "/v1/audit-trail", AuditOutcome.Succeeded, 200, "127.0.0.1"),
            1, header.Hash);

        Assert.Equal(
            $$"""{"format":"whisper-audit-trail","version":1,"trail":"{{TrailId}}","created":"2026-11-26T10:00:00.000Z","hash":"{{header.Hash}}"}""" + "\n",
            Encoding.UTF8.GetString(AuditTrailLines.Format(header)));
        Assert.Equal(
            $$"""{"seq":1,"time":"2026-11-26T10:00:01.234Z","actor":"jwt:alice","roles":["auditor"],"action":"GET /v1/audit-trail","target":"/v1/audit-trail","outcome":"succeeded","status":200,"sourceIp":"127.0.0.1","prev":"{{header.Hash}}","hash":"{{record.Hash}}"}""" + "\n",
            Encoding.UTF8.GetString(AuditTrailLines.Format(record)));
        Assert.Equal(DocumentedHeaderHash, header.Hash);
        Assert.Equal(DocumentedRecordHash, record.Hash);
    }

    [Theory]
    [InlineData(" ", "a leading space")]
    [InlineData("reorder", "fields in another order")]
    [InlineData("extra", "an extra field")]
    public void TryParseRecord_NotCanonical_Refused(string edit, string what)
    {
        var header = AuditTrailHeader.Create(TrailId, TrailFolder.T0);
        var line = Encoding.UTF8.GetString(AuditTrailLines.Format(AuditRecord.Seal(TrailFolder.Entry(1), 1, header.Hash))).TrimEnd('\n');
        var edited = edit switch
        {
            " " => " " + line,
            "reorder" => line.Replace("\"seq\":1,\"time\"", "\"time\"", StringComparison.Ordinal).Replace("\"actor\"", "\"seq\":1,\"actor\"", StringComparison.Ordinal),
            _ => line[..^1] + ",\"note\":\"x\"}",
        };

        Assert.False(AuditTrailLines.TryParseRecord(Encoding.UTF8.GetBytes(edited), out _, out var problem), what);
        Assert.NotEmpty(problem);
        Assert.True(AuditTrailLines.TryParseRecord(Encoding.UTF8.GetBytes(line), out var record, out _));
        Assert.Equal(1, record.Sequence);
    }

    [Fact]
    public void Record_EveryFieldIsCovered()
    {
        var header = AuditTrailHeader.Create(TrailId, TrailFolder.T0);
        var record = AuditRecord.Seal(TrailFolder.Entry(1), 1, header.Hash);
        AuditRecord[] variants =
        [
            record with { Sequence = 2 }, record with { Time = record.Time.AddMilliseconds(1) }, record with { Actor = "key:opz" },
            record with { Roles = ["admin"] }, record with { Roles = [] }, record with { Action = "GET /v1/events" }, record with { Target = "/v1/x" },
            record with { Outcome = AuditOutcome.Failed }, record with { Status = 500 }, record with { SourceIp = "::1" },
            record with { PreviousHash = new string('0', 64) },
        ];

        foreach (var variant in variants)
        {
            Assert.NotEqual(record.Hash, AuditHash.Record(variant));
        }
    }

    // Computed independently of this code (Python hashlib over the documented byte layout); the doc shows the same values.
    private const string DocumentedHeaderHash = "827dd6968c6271b20598ecb723d4bcf29bba7ad132c52d559545f6a777a3b485";
    private const string DocumentedRecordHash = "154c2c4b2b4fe26bfd118c55390fdb3692b47e28b0d0cdcb5df6e81f1f97f114";
}
