using Whisper.Security.AuditTrail;

namespace Whisper.Security.Tests.AuditTrail;

public sealed class AuditTrailVerifierTests
{
    [Fact]
    public async Task Verify_UntouchedTrail_IsValidWithEveryAnchorChecked()
    {
        using var folder = new TrailFolder();
        await folder.WriteAsync(12, anchorEvery: 5);

        var result = folder.Verify();

        Assert.True(result.IsValid, result.Problem);
        Assert.Equal(12, result.Records);
        Assert.Equal(4, result.AnchorsChecked);
        Assert.Equal(12, result.LastAnchoredSequence);
        Assert.Null(result.BrokenSequence);
    }

    [Fact]
    public async Task Verify_FieldEditedInTheMiddle_NamesThatRecord()
    {
        using var folder = new TrailFolder();
        await folder.WriteAsync(8);
        var lines = folder.ReadLines();
        lines[4] = lines[4].Replace("\"status\":201", "\"status\":200", StringComparison.Ordinal);
        folder.WriteLines(lines);

        var result = folder.Verify();

        AssertBroken(result, sequence: 4, line: 5, "was edited");
    }

    [Fact]
    public async Task Verify_RecordEditedAndReHashed_NamesThatRecordThroughTheNextOnesPrev()
    {
        using var folder = new TrailFolder();
        var records = await folder.WriteAsync(8);
        var forged = AuditRecord.Seal(TrailFolder.Entry(3, actor: "key:someone-else"), 3, records[1].Hash);
        var lines = folder.ReadLines();
        lines[3] = Line(forged);
        folder.WriteLines(lines);

        var result = folder.Verify();

        AssertBroken(result, sequence: 3, line: 4, "record 3 was edited and re-hashed");
    }

    [Fact]
    public async Task Verify_RecordDeleted_NamesTheMissingRecord()
    {
        using var folder = new TrailFolder();
        await folder.WriteAsync(8);
        var lines = folder.ReadLines();
        lines.RemoveAt(6);
        folder.WriteLines(lines);

        AssertBroken(folder.Verify(), sequence: 6, line: 7, "record 6 is missing");
    }

    [Fact]
    public async Task Verify_RecordsSwapped_NamesTheFirstOutOfPlace()
    {
        using var folder = new TrailFolder();
        await folder.WriteAsync(8);
        var lines = folder.ReadLines();
        (lines[2], lines[3]) = (lines[3], lines[2]);
        folder.WriteLines(lines);

        AssertBroken(folder.Verify(), sequence: 2, line: 3, "out of order");
    }

    [Fact]
    public async Task Verify_BytesCutFromTheMiddle_NamesTheDamagedRecord()
    {
        using var folder = new TrailFolder();
        await folder.WriteAsync(8);
        var lines = folder.ReadLines();
        lines[5] = lines[5][..40];
        folder.WriteLines(lines);

        AssertBroken(folder.Verify(), sequence: 5, line: 6, "unreadable");
    }

    [Fact]
    public async Task Verify_TailTruncatedBeforeTheLastAnchor_IsCaughtByTheLog()
    {
        using var folder = new TrailFolder();
        await folder.WriteAsync(8, anchorEvery: 5);
        var lines = folder.ReadLines();
        folder.WriteLines(lines.Take(1 + 6)); // keep records 1-6; the log anchored 8 on close

        var result = folder.Verify();

        AssertBroken(result, sequence: 7, line: null, "records from 7 on were removed");
    }

    [Fact]
    public async Task Verify_HistoryRewrittenAndReChained_IsCaughtByTheAnchor()
    {
        using var folder = new TrailFolder();
        var records = await folder.WriteAsync(12, anchorEvery: 5);
        var lines = folder.ReadLines();

        // Someone who can rewrite the file changes record 3 and re-chains everything after it: the chain alone is whole.
        var previous = records[1].Hash;
        for (var i = 3; i <= 12; i++)
        {
            var sealedRecord = AuditRecord.Seal(TrailFolder.Entry(i, actor: i == 3 ? "key:innocent" : "key:ops"), i, previous);
            lines[i] = Line(sealedRecord);
            previous = sealedRecord.Hash;
        }

        folder.WriteLines(lines);

        var result = folder.Verify();

        AssertBroken(result, sequence: 5, line: 6, "rewritten and re-chained");
        Assert.Contains("after record 0", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_WholeFileReplacedWithAFreshTrail_HasNoGenesisAnchor()
    {
        using var folder = new TrailFolder();
        await folder.WriteAsync(6);
        var header = AuditTrailHeader.Create(new string('a', 32), TrailFolder.T0);
        var lines = new List<string> { Line(header) };
        var previous = header.Hash;
        for (var i = 1; i <= 6; i++)
        {
            var record = AuditRecord.Seal(TrailFolder.Entry(i), i, previous);
            lines.Add(Line(record));
            previous = record.Hash;
        }

        folder.WriteLines(lines);

        AssertBroken(folder.Verify(), sequence: 0, line: 1, "no genesis anchor");
    }

    [Fact]
    public async Task Verify_TornLastLine_IsReportedButNotTampering()
    {
        using var folder = new TrailFolder();
        await folder.WriteAsync(3);
        await File.AppendAllTextAsync(folder.TrailPath, "{\"seq\":4,");

        var result = folder.Verify();

        Assert.True(result.IsValid, result.Problem);
        Assert.Equal(9, result.TornBytes);
    }

    [Fact]
    public async Task Verify_NotATrail_ThrowsInvalidData()
    {
        using var folder = new TrailFolder();
        await File.WriteAllTextAsync(folder.TrailPath, "time,who,what\n");

        Assert.Throws<InvalidDataException>(folder.Verify);
    }

    private static void AssertBroken(AuditTrailVerification result, long sequence, long? line, string reason)
    {
        Assert.False(result.IsValid);
        Assert.Equal(sequence, result.BrokenSequence);
        Assert.Equal(line, result.BrokenLine);
        Assert.Contains(reason, result.Problem, StringComparison.Ordinal);
    }

    private static string Line(AuditRecord record) => System.Text.Encoding.UTF8.GetString(AuditTrailLines.Format(record)).TrimEnd('\n');

    private static string Line(AuditTrailHeader header) => System.Text.Encoding.UTF8.GetString(AuditTrailLines.Format(header)).TrimEnd('\n');
}
