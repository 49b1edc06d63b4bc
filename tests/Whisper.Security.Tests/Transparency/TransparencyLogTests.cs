using Whisper.Core.Integrity;
using Whisper.Security.Transparency;

namespace Whisper.Security.Tests.Transparency;

public sealed class TransparencyLogTests
{
    [Fact]
    public async Task AppendAsync_Entries_GetConsecutiveIndexesAndSignedHeads()
    {
        using var folder = new LogFolder();
        using var log = folder.Open();
        Assert.Equal(0, log.Size);
        Assert.Equal(MerkleTree.EmptyRoot(), log.Head.RootHash);

        var first = await log.AppendAsync(LogFolder.Entry(0));
        var batch = await log.AppendBatchAsync(LogFolder.Entries(1, 9));

        Assert.Equal(0, first.FirstIndex);
        Assert.Equal(1, first.Head.TreeSize);
        Assert.Equal((1L, 9), (batch.FirstIndex, batch.Count));
        Assert.Equal(10, batch.Head.TreeSize);
        Assert.Same(batch.Head, log.Head);
        Assert.True(log.Head.Verify(log.PublicKey));
        Assert.Equal(LogFolder.T0, log.Head.Timestamp);
    }

    [Fact]
    public async Task ReadEntry_AfterAppend_RoundTripsAndMatchesLeafHash()
    {
        using var folder = new LogFolder();
        using var log = folder.Open();
        var entries = LogFolder.Entries(0, 20);
        await log.AppendBatchAsync(entries);

        for (var i = 0; i < entries.Length; i++)
        {
            Assert.Equal(entries[i], log.ReadEntry(i));
            Assert.Equal(entries[i].ToLeafBytes(), log.ReadLeaf(i));
            Assert.Equal(MerkleTree.LeafHash(entries[i].ToLeafBytes()), log.LeafHash(i));
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => log.ReadEntry(20));
        Assert.Throws<ArgumentOutOfRangeException>(() => log.LeafHash(-1));
    }

    [Fact]
    public async Task Proofs_FromTheLog_MatchCoreAndVerify()
    {
        using var folder = new LogFolder();
        using var log = folder.Open();
        var entries = LogFolder.Entries(0, 1000);
        for (var i = 0; i < entries.Length; i += 97)
        {
            await log.AppendBatchAsync(entries[i..Math.Min(i + 97, entries.Length)]);
        }

        var hashes = entries.Select(e => MerkleTree.LeafHash(e.ToLeafBytes())).ToList();
        Assert.Equal(MerkleTree.RootFromLeafHashes(hashes), log.Head.RootHash);
        foreach (var (index, size) in new[] { (0, 1), (15, 16), (16, 17), (500, 1000), (999, 1000), (640, 641) })
        {
            var proof = log.InclusionProof(index, size);
            Assert.Equal(MerkleTree.InclusionProof(hashes[..size], index), proof);
            Assert.True(MerkleTree.VerifyInclusion(index, size, log.LeafHash(index), proof, log.RootHash(size)));
        }

        foreach (var (m, n) in new[] { (1, 1000), (16, 1000), (333, 999), (999, 1000), (0, 1000), (1000, 1000) })
        {
            var proof = log.ConsistencyProof(m, n);
            Assert.Equal(MerkleTree.ConsistencyProof(hashes[..n], m), proof);
            Assert.True(MerkleTree.VerifyConsistency(m, n, log.RootHash(m), log.RootHash(n), proof));
        }
    }

    [Fact]
    public async Task Open_AfterAppends_GivesTheSameHeadAndEntries()
    {
        using var folder = new LogFolder();
        byte[] root;
        using (var log = folder.Open())
        {
            await log.AppendBatchAsync(LogFolder.Entries(0, 50));
            await log.AppendAsync(LogFolder.Entry(50));
            root = log.Head.RootHash;
        }

        using var reopened = folder.Open();

        Assert.Equal(51, reopened.Size);
        Assert.Equal(root, reopened.Head.RootHash);
        Assert.False(reopened.Recovery.Changed);
        Assert.Equal(LogFolder.Entry(50), reopened.ReadEntry(50));
        Assert.True(reopened.Head.Verify(reopened.PublicKey));
        var next = await reopened.AppendAsync(LogFolder.Entry(51));
        Assert.Equal(51, next.FirstIndex);
        Assert.True(MerkleTree.VerifyConsistency(51, 52, root, next.Head.RootHash, reopened.ConsistencyProof(51, 52)));
    }

    [Fact]
    public void Open_Twice_SecondIsRefusedWhileTheFirstIsOpen()
    {
        using var folder = new LogFolder();
        using (folder.Open())
        {
            var e = Assert.Throws<IOException>(() => folder.Open());
            Assert.Contains("open in another process", e.Message, StringComparison.Ordinal);
        }

        using var again = folder.Open();
        Assert.Equal(0, again.Size);
    }

    [Fact]
    public async Task Reads_WhileAppending_AlwaysVerifyAgainstTheRootOfTheirSize()
    {
        using var folder = new LogFolder();
        using var log = folder.Open();
        await log.AppendAsync(LogFolder.Entry(0));
        using var stop = new CancellationTokenSource();
        var reader = Task.Run(() =>
        {
            var checks = 0;
            var random = new Random(7);
            while (!stop.IsCancellationRequested || checks < 100)
            {
                var size = log.Size;
                var index = random.NextInt64(size);
                var old = random.NextInt64(size + 1);
                var root = log.RootHash(size);
                Assert.True(MerkleTree.VerifyInclusion(index, size, log.LeafHash(index), log.InclusionProof(index, size), root));
                Assert.True(MerkleTree.VerifyConsistency(old, size, log.RootHash(old), root, log.ConsistencyProof(old, size)));
                checks++;
            }

            return checks;
        });

        for (var i = 1; i < 600; i += 7)
        {
            await log.AppendBatchAsync(LogFolder.Entries(i, 7));
        }

        await stop.CancelAsync();
        Assert.True(await reader >= 100);
    }
}
