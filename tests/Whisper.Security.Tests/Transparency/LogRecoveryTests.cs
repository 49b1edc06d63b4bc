using Whisper.Core.Integrity;
using Whisper.Security.Transparency;

namespace Whisper.Security.Tests.Transparency;

/// <summary>Crashes simulated by cutting or spoiling the files' tails between a close and an open.</summary>
public sealed class LogRecoveryTests
{
    private const int Count = 40;

    [Fact]
    public async Task Open_LeavesFileCutInsideTheLastLeaf_RecoversToTheLastWholeLeaf()
    {
        using var folder = new LogFolder();
        var roots = await WriteAsync(folder);
        var leafLength = new FileInfo(folder.LeavesPath).Length;
        Truncate(folder.LeavesPath, leafLength - 10);
        Truncate(folder.HashesPath, new FileInfo(folder.HashesPath).Length - LogFiles.HashRecordSize);

        using var log = folder.Open();

        Assert.Equal(Count - 1, log.Size);
        Assert.Equal(roots[Count - 1], log.Head.RootHash);
        Assert.True(log.Recovery.TruncatedLeafBytes > 0);
        Assert.Equal(LogFiles.HeaderSize + ((Count - 1) * LogFiles.HashRecordSize), new FileInfo(folder.HashesPath).Length);
        await AssertAppendContinuesAsync(log, folder);
    }

    [Fact]
    public async Task Open_LeavesCutButHashRecordKept_DropsTheRecordWhoseLeafIsTorn()
    {
        using var folder = new LogFolder();
        var roots = await WriteAsync(folder);
        Truncate(folder.LeavesPath, new FileInfo(folder.LeavesPath).Length - 1);

        using var log = folder.Open();

        Assert.Equal(Count - 1, log.Size);
        Assert.Equal(roots[Count - 1], log.Head.RootHash);
        Assert.Equal(1, log.Recovery.DroppedHashRecords);
        await AssertAppendContinuesAsync(log, folder);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(LogFiles.HashRecordSize)]
    [InlineData((3 * LogFiles.HashRecordSize) + 7)]
    public async Task Open_HashesFileTorn_ReindexesTheWholeLeaves(int cut)
    {
        using var folder = new LogFolder();
        var roots = await WriteAsync(folder);
        Truncate(folder.HashesPath, new FileInfo(folder.HashesPath).Length - cut);

        using var log = folder.Open();

        Assert.Equal(Count, log.Size);
        Assert.Equal(roots[Count], log.Head.RootHash);
        Assert.True(log.Recovery.RecoveredLeaves >= 1);
        await AssertAppendContinuesAsync(log, folder);
    }

    [Fact]
    public async Task Open_HashesTailZeroFilled_DropsAndRebuildsThoseRecords()
    {
        using var folder = new LogFolder();
        var roots = await WriteAsync(folder);
        using (var stream = new FileStream(folder.HashesPath, FileMode.Open))
        {
            // A crash after the size grew but before the data reached the disk: zeros where the last 5 records were.
            stream.Position = stream.Length - (5 * LogFiles.HashRecordSize);
            stream.Write(new byte[5 * LogFiles.HashRecordSize]);
        }

        using var log = folder.Open();

        Assert.Equal(Count, log.Size);
        Assert.Equal(roots[Count], log.Head.RootHash);
        Assert.Equal(5, log.Recovery.DroppedHashRecords);
        Assert.Equal(5, log.Recovery.RecoveredLeaves);
    }

    [Fact]
    public async Task Open_HashRecordSpoiledButOffsetIntact_IsDroppedAndReindexed()
    {
        using var folder = new LogFolder();
        var roots = await WriteAsync(folder);
        using (var stream = new FileStream(folder.HashesPath, FileMode.Open))
        {
            stream.Position = stream.Length - (3 * LogFiles.HashRecordSize) + 5; // inside the leaf hash of record 37
            stream.WriteByte(0x5a);
        }

        using var log = folder.Open();

        Assert.Equal(Count, log.Size);
        Assert.Equal(roots[Count], log.Head.RootHash);
        Assert.Equal(3, log.Recovery.DroppedHashRecords);
        Assert.Equal(3, log.Recovery.RecoveredLeaves);
    }

    [Fact]
    public async Task Open_GarbageAfterTheLastLeaf_IsCutOff()
    {
        using var folder = new LogFolder();
        var roots = await WriteAsync(folder);
        using (var stream = new FileStream(folder.LeavesPath, FileMode.Append))
        {
            stream.Write([0, 0, 0, 60, 1, 2, 3]); // a leaf's length and the first bytes of it
        }

        using var log = folder.Open();

        Assert.Equal(Count, log.Size);
        Assert.Equal(roots[Count], log.Head.RootHash);
        Assert.Equal(7, log.Recovery.TruncatedLeafBytes);
        await AssertAppendContinuesAsync(log, folder);
    }

    [Fact]
    public async Task Open_HashesFileMissing_IsRebuiltFromTheLeaves()
    {
        using var folder = new LogFolder();
        var roots = await WriteAsync(folder);
        File.Delete(folder.HashesPath);

        using var log = folder.Open();

        Assert.Equal(Count, log.Size);
        Assert.Equal(roots[Count], log.Head.RootHash);
        Assert.Equal(Count, log.Recovery.RecoveredLeaves);
    }

    [Fact]
    public async Task Open_AcknowledgedLeafSpoiled_IsRefusedAndNothingIsCut()
    {
        using var folder = new LogFolder();
        await WriteAsync(folder);
        var hashes = await File.ReadAllBytesAsync(folder.HashesPath);
        var offset = System.Buffers.Binary.BinaryPrimitives.ReadInt64BigEndian(hashes.AsSpan(LogFiles.HeaderSize + (30 * LogFiles.HashRecordSize) + 32));
        using (var stream = new FileStream(folder.LeavesPath, FileMode.Open))
        {
            stream.Position = offset + 10;
            stream.WriteByte(0xff);
        }

        var leaves = new FileInfo(folder.LeavesPath).Length;

        var e = Assert.Throws<InvalidDataException>(folder.Open);
        Assert.Contains("leaf 30", e.Message, StringComparison.Ordinal);
        Assert.Equal(leaves, new FileInfo(folder.LeavesPath).Length);
        Assert.Equal(hashes.Length, new FileInfo(folder.HashesPath).Length);
    }

    [Fact]
    public async Task Open_AnyByteOfAMiddleLeafFlipped_NeverSilentlyShortensTheLog()
    {
        using var folder = new LogFolder();
        await WriteAsync(folder);
        var hashes = await File.ReadAllBytesAsync(folder.HashesPath);
        long OffsetOf(int leaf) => System.Buffers.Binary.BinaryPrimitives.ReadInt64BigEndian(hashes.AsSpan(LogFiles.HeaderSize + (leaf * LogFiles.HashRecordSize) + 32));
        var original = await File.ReadAllBytesAsync(folder.LeavesPath);

        // Every byte of leaf 20 (length prefix, body, stored hash): damage before the tail is refused, never cut off.
        for (var position = OffsetOf(20); position < OffsetOf(21); position++)
        {
            var spoiled = (byte[])original.Clone();
            spoiled[position] ^= 0x01;
            await File.WriteAllBytesAsync(folder.LeavesPath, spoiled);
            await File.WriteAllBytesAsync(folder.HashesPath, hashes);

            var e = Assert.Throws<InvalidDataException>(folder.Open);
            Assert.Contains("leaf 20", e.Message, StringComparison.Ordinal);
            Assert.Equal(original.Length, new FileInfo(folder.LeavesPath).Length);
        }
    }

    [Theory]
    [InlineData(LogFiles.LeavesFileName, 4, 2)]
    [InlineData(LogFiles.HashesFileName, 4, 9)]
    [InlineData(LogFiles.LeavesFileName, 0, (byte)'X')]
    public async Task Open_UnknownVersionOrMagic_IsRefused(string file, int offset, byte value)
    {
        using var folder = new LogFolder();
        await WriteAsync(folder);
        using (var stream = new FileStream(folder.File(file), FileMode.Open))
        {
            stream.Position = offset;
            stream.WriteByte(value);
        }

        var e = Assert.Throws<InvalidDataException>(folder.Open);
        Assert.Contains(file, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_NewDirectory_CreatesFilesWithHeaders()
    {
        using var folder = new LogFolder();
        using (var log = TransparencyLog.Open(folder.File("nested/log"), time: folder.Clock))
        {
            Assert.Equal(0, log.Size);
        }

        Assert.Equal("WTLL\u0001\0\0\0"u8.ToArray(), File.ReadAllBytes(folder.File("nested/log/leaves.dat")));
        Assert.Equal("WTLH\u0001\0\0\0"u8.ToArray(), File.ReadAllBytes(folder.File("nested/log/hashes.dat")));
        Assert.True(File.Exists(folder.File("nested/log/" + TreeHeadSigner.DefaultKeyFileName)));
    }

    /// <summary>Appends <see cref="Count"/> entries in a few batches; returns the root at every size 0..Count.</summary>
    private static async Task<byte[][]> WriteAsync(LogFolder folder)
    {
        var entries = LogFolder.Entries(0, Count);
        using (var log = folder.Open())
        {
            await log.AppendBatchAsync(entries[..17]);
            await log.AppendBatchAsync(entries[17..38]);
            await log.AppendAsync(entries[38]);
            await log.AppendAsync(entries[39]);
        }

        var hashes = entries.Select(e => MerkleTree.LeafHash(e.ToLeafBytes())).ToList();
        return [.. Enumerable.Range(0, Count + 1).Select(n => MerkleTree.RootFromLeafHashes(hashes[..n]))];
    }

    /// <summary>After recovery the log takes appends and matches a log that never crashed.</summary>
    private static async Task AssertAppendContinuesAsync(TransparencyLog log, LogFolder folder)
    {
        var size = log.Size;
        await log.AppendBatchAsync(LogFolder.Entries((int)size, 3));
        var expected = LogFolder.Entries(0, (int)size + 3).Select(e => MerkleTree.LeafHash(e.ToLeafBytes())).ToList();
        Assert.Equal(MerkleTree.RootFromLeafHashes(expected), log.Head.RootHash);
        log.Dispose();
        using var reopened = folder.Open();
        Assert.Equal(size + 3, reopened.Size);
        Assert.False(reopened.Recovery.Changed);
    }

    private static void Truncate(string path, long length)
    {
        using var stream = new FileStream(path, FileMode.Open);
        stream.SetLength(length);
    }
}
