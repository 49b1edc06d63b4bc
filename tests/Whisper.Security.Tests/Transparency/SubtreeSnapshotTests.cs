using Whisper.Core.Integrity;
using Whisper.Security.Transparency;

namespace Whisper.Security.Tests.Transparency;

/// <summary>The cached levels saved in <c>subtrees.dat</c>: used when sound, ignored (and rebuilt) when not.</summary>
public sealed class SubtreeSnapshotTests
{
    [Fact]
    public async Task Open_AfterClose_LoadsTheSnapshotAndAgreesWithCore()
    {
        using var folder = new LogFolder();
        var entries = await WriteAsync(folder, 0, 203);

        using var log = folder.Open();

        Assert.True(File.Exists(folder.File(SubtreeIndex.SnapshotFileName)));
        Assert.Null(log.SnapshotProblem);
        AssertMatchesCore(log, entries);
    }

    [Fact]
    public async Task Open_SnapshotOlderThanTheLog_ReplaysOnlyTheRest()
    {
        using var folder = new LogFolder();
        await WriteAsync(folder, 0, 100);
        var old = await File.ReadAllBytesAsync(folder.File(SubtreeIndex.SnapshotFileName));
        var entries = await WriteAsync(folder, 100, 77);
        await File.WriteAllBytesAsync(folder.File(SubtreeIndex.SnapshotFileName), old); // as after a crash

        using var log = folder.Open();

        Assert.Null(log.SnapshotProblem);
        AssertMatchesCore(log, entries);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(60)]
    [InlineData(-1)]
    public async Task Open_SnapshotDamaged_IsIgnoredAndTheTreeRebuilt(int offset)
    {
        using var folder = new LogFolder();
        var entries = await WriteAsync(folder, 0, 150);
        var path = folder.File(SubtreeIndex.SnapshotFileName);
        var bytes = await File.ReadAllBytesAsync(path);
        bytes[offset < 0 ? bytes.Length + offset : offset] ^= 0x10;
        await File.WriteAllBytesAsync(path, bytes);

        using var log = folder.Open();

        Assert.NotNull(log.SnapshotProblem);
        AssertMatchesCore(log, entries);
    }

    [Fact]
    public async Task Open_SnapshotOfAnotherLog_IsIgnored()
    {
        using var folder = new LogFolder();
        using var other = new LogFolder();
        var entries = await WriteAsync(folder, 0, 64);
        await WriteAsync(other, 1000, 64);
        File.Copy(other.File(SubtreeIndex.SnapshotFileName), folder.File(SubtreeIndex.SnapshotFileName), overwrite: true);

        using var log = folder.Open();

        Assert.Contains("another log", log.SnapshotProblem, StringComparison.Ordinal);
        AssertMatchesCore(log, entries);
    }

    [Fact]
    public async Task Open_SnapshotCoversMoreThanTheLog_IsIgnored()
    {
        using var folder = new LogFolder();
        await WriteAsync(folder, 0, 40);
        var snapshot = await File.ReadAllBytesAsync(folder.File(SubtreeIndex.SnapshotFileName));
        Directory.Delete(folder.Path, recursive: true);
        Directory.CreateDirectory(folder.Path);
        var entries = await WriteAsync(folder, 0, 20);
        await File.WriteAllBytesAsync(folder.File(SubtreeIndex.SnapshotFileName), snapshot);

        using var log = folder.Open();

        Assert.Contains("covers 40 leaves", log.SnapshotProblem, StringComparison.Ordinal);
        AssertMatchesCore(log, entries);
    }

    /// <summary>Appends entries [from, from + count) in two batches; returns every entry now in the log.</summary>
    private static async Task<LogEntry[]> WriteAsync(LogFolder folder, int from, int count)
    {
        using (var log = folder.Open())
        {
            await log.AppendBatchAsync(LogFolder.Entries(from, count / 2));
            await log.AppendBatchAsync(LogFolder.Entries(from + (count / 2), count - (count / 2)));
        }

        using var reader = folder.Open();
        return [.. Enumerable.Range(0, (int)reader.Size).Select(i => reader.ReadEntry(i))];
    }

    private static void AssertMatchesCore(TransparencyLog log, LogEntry[] entries)
    {
        var hashes = entries.Select(e => MerkleTree.LeafHash(e.ToLeafBytes())).ToList();
        Assert.Equal(entries.Length, log.Size);
        Assert.Equal(MerkleTree.RootFromLeafHashes(hashes), log.Head.RootHash);
        for (var size = 1; size <= entries.Length; size += 13)
        {
            Assert.Equal(MerkleTree.RootFromLeafHashes(hashes[..size]), log.RootHash(size));
            SubtreeIndexTests.AssertSameHashes(MerkleTree.InclusionProof(hashes[..size], size / 2), log.InclusionProof(size / 2, size), size / 2, size);
            SubtreeIndexTests.AssertSameHashes(MerkleTree.ConsistencyProof(hashes, size), log.ConsistencyProof(size, entries.Length), size, entries.Length);
        }
    }
}
