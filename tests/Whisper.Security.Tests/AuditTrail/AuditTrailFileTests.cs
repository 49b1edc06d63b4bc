using Whisper.Security.AuditTrail;
using Whisper.Security.Transparency;

namespace Whisper.Security.Tests.AuditTrail;

public sealed class AuditTrailFileTests
{
    [Fact]
    public async Task AppendAsync_ChainsRecordsOnTheHeader_AndReopenContinuesTheChain()
    {
        using var folder = new TrailFolder();
        var first = await folder.WriteAsync(3);

        Assert.Equal([1L, 2L, 3L], first.Select(static r => r.Sequence));
        Assert.Equal(first[0].Hash, first[1].PreviousHash);
        Assert.Equal(first[1].Hash, first[2].PreviousHash);
        await using (var trail = await AuditTrailFile.OpenAsync(folder.TrailPath, folder.Log, folder.Options()))
        {
            Assert.Equal(first[0].PreviousHash, trail.Header.Hash);
            Assert.Equal(3, trail.Count);
            var fourth = await trail.AppendAsync(TrailFolder.Entry(4));
            Assert.Equal(4, fourth.Sequence);
            Assert.Equal(first[2].Hash, fourth.PreviousHash);
        }

        Assert.True(folder.Verify().IsValid);
    }

    [Fact]
    public async Task AppendAsync_IsOnDiskBeforeItCompletes()
    {
        using var folder = new TrailFolder();
        await using var trail = await AuditTrailFile.OpenAsync(folder.TrailPath, folder.Log, folder.Options());

        var record = await trail.AppendAsync(TrailFolder.Entry(1));

        // Read through a separate handle while the writer is still open.
        using var stream = new FileStream(folder.TrailPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var lines = (await reader.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Contains(record.Hash, lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_AnchorsHeader_EveryNRecords_OnOpenAndOnClose()
    {
        using var folder = new TrailFolder();
        var records = await folder.WriteAsync(12, anchorEvery: 5);

        var anchors = Anchors(folder.Log, records[0].PreviousHash, out var trailId);
        // Genesis (0) on create, 5 and 10 by the interval, 12 on close.
        Assert.Equal([0L, 5L, 10L, 12L], anchors.Select(static a => a.Sequence));
        Assert.Equal(records[4].Hash, anchors[1].Hash);
        Assert.Equal(records[11].Hash, anchors[3].Hash);

        await using (var reopened = await AuditTrailFile.OpenAsync(folder.TrailPath, folder.Log, folder.Options()))
        {
            Assert.Equal(trailId, reopened.Header.TrailId);
            Assert.Null(await reopened.AnchorAsync()); // the open anchored the head already: nothing new
        }

        Assert.Equal(5, Anchors(folder.Log, records[0].PreviousHash, out _).Count);
    }

    [Fact]
    public async Task OpenAsync_TornLastLine_IsCutAndTheChainGoesOn()
    {
        using var folder = new TrailFolder();
        var records = await folder.WriteAsync(4);
        var intact = new FileInfo(folder.TrailPath).Length;
        await File.AppendAllTextAsync(folder.TrailPath, "{\"seq\":5,\"time\":\"2026-11-26T10:0");

        await using (var trail = await AuditTrailFile.OpenAsync(folder.TrailPath, folder.Log, folder.Options()))
        {
            Assert.Equal(4, trail.Count);
            Assert.True(trail.TornBytesRemoved > 0);
            Assert.Equal(intact, new FileInfo(folder.TrailPath).Length);
            var fifth = await trail.AppendAsync(TrailFolder.Entry(5));
            Assert.Equal(records[3].Hash, fifth.PreviousHash);
        }

        var verification = folder.Verify();
        Assert.True(verification.IsValid, verification.Problem);
        Assert.Equal(5, verification.Records);
    }

    [Fact]
    public async Task OpenAsync_BrokenRecordBeforeTheLastLine_RefusesNamingIt()
    {
        using var folder = new TrailFolder();
        await folder.WriteAsync(4);
        var lines = folder.ReadLines();
        lines[2] = lines[2].Replace("key:ops", "key:eve", StringComparison.Ordinal);
        folder.WriteLines(lines);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => AuditTrailFile.OpenAsync(folder.TrailPath, folder.Log, folder.Options()));

        Assert.Contains("record 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_SecondWriter_IsRefused()
    {
        using var folder = new TrailFolder();
        await using var first = await AuditTrailFile.OpenAsync(folder.TrailPath, folder.Log, folder.Options());

        var error = await Assert.ThrowsAsync<IOException>(() => AuditTrailFile.OpenAsync(folder.TrailPath, folder.Log, folder.Options()));

        Assert.Contains("another writer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_NotATrail_Refused()
    {
        using var folder = new TrailFolder();
        await File.WriteAllTextAsync(folder.TrailPath, "{\"hello\":1}\n");

        await Assert.ThrowsAsync<InvalidDataException>(() => AuditTrailFile.OpenAsync(folder.TrailPath, folder.Log, folder.Options()));
    }

    [Fact]
    public async Task ReadAsync_PagesFromASequence()
    {
        using var folder = new TrailFolder();
        await using var trail = await AuditTrailFile.OpenAsync(folder.TrailPath, folder.Log, folder.Options());
        for (var i = 1; i <= 7; i++)
        {
            await trail.AppendAsync(TrailFolder.Entry(i, actor: "key:k" + i));
        }

        var page = await trail.ReadAsync(after: 2, limit: 3);
        var tail = await trail.ReadAsync(after: 6, limit: 3);
        var none = await trail.ReadAsync(after: 7, limit: 3);

        Assert.Equal([3L, 4L, 5L], page.Select(static r => r.Sequence));
        Assert.Equal("key:k3", page[0].Actor);
        Assert.Equal(TrailFolder.T0.AddSeconds(3), page[0].Time);
        Assert.Equal([7L], tail.Select(static r => r.Sequence));
        Assert.Empty(none);
    }

    [Fact]
    public async Task AppendAsync_FieldOverTheLimit_RefusedAndNothingWritten()
    {
        using var folder = new TrailFolder();
        await using var trail = await AuditTrailFile.OpenAsync(folder.TrailPath, folder.Log, folder.Options());
        var length = new FileInfo(folder.TrailPath).Length;

        await Assert.ThrowsAsync<ArgumentException>(() => trail.AppendAsync(TrailFolder.Entry(1) with { Target = new string('x', AuditHash.MaxFieldBytes + 1) }));

        Assert.Equal(0, trail.Count);
        Assert.Equal(length, new FileInfo(folder.TrailPath).Length);
    }

    private static List<(long Sequence, string Hash)> Anchors(TransparencyLog log, string headerHash, out string trailId)
    {
        trailId = "";
        var found = new List<(long, string)>();
        for (long i = 0; i < log.Size; i++)
        {
            var entry = log.ReadEntry(i);
            if (entry.Sha256 == headerHash)
            {
                trailId = entry.Subject.Split(' ')[1];
            }
        }

        for (long i = 0; i < log.Size; i++)
        {
            var entry = log.ReadEntry(i);
            if (AuditAnchors.TryParse(entry, trailId, out var sequence))
            {
                found.Add((sequence, entry.Sha256));
            }
        }

        return found;
    }
}
