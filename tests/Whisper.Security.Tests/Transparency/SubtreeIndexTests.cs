using Whisper.Core.Integrity;

namespace Whisper.Security.Tests.Transparency;

/// <summary>The cached tree against Core's list-based reference, for every size, index and old size up to 300.</summary>
public sealed class SubtreeIndexTests
{
    private const int MaxSize = 300;

    [Fact]
    public void Root_EverySizeUpTo300_EqualsCoreRoot()
    {
        var (leaves, tree) = MemoryLeafHashes.Build(MaxSize);

        for (var n = 0; n <= MaxSize; n++)
        {
            Assert.Equal(MerkleTree.RootFromLeafHashes(leaves.Hashes[..n]), tree.Root(n));
        }
    }

    // Every proof up to 300 leaves is checked with Core's verifier against Core's root of that size. For a fixed
    // (index, size, leaf, root) only one list of hashes passes RFC 9162 verification short of a SHA-256 collision,
    // so this pins every proof to Core's. Comparing with Core's list-based generators directly costs O(n) hashes per
    // proof (~25 s for all pairs up to 300 on a 2-core box), so that is done for every pair up to EqualUpTo.
    private const int EqualUpTo = 100;

    [Fact]
    public void InclusionProof_EveryIndexOfEverySizeUpTo300_VerifiesWithCore_AndEqualsCoreUpTo100()
    {
        var (leaves, tree) = MemoryLeafHashes.Build(MaxSize);

        for (var n = 1; n <= MaxSize; n++)
        {
            var prefix = leaves.Hashes[..n];
            var root = MerkleTree.RootFromLeafHashes(prefix);
            for (var i = 0; i < n; i++)
            {
                var proof = tree.InclusionProof(i, n);
                Assert.True(MerkleTree.VerifyInclusion(i, n, prefix[i], proof, root), $"index {i} of {n}");
                if (n <= EqualUpTo)
                {
                    AssertSameHashes(MerkleTree.InclusionProof(prefix, i), proof, i, n);
                }
            }
        }
    }

    [Fact]
    public void ConsistencyProof_EveryOldSizeOfEverySizeUpTo300_VerifiesWithCore_AndEqualsCoreUpTo100()
    {
        var (leaves, tree) = MemoryLeafHashes.Build(MaxSize);
        var roots = new byte[MaxSize + 1][];
        for (var n = 0; n <= MaxSize; n++)
        {
            roots[n] = MerkleTree.RootFromLeafHashes(leaves.Hashes[..n]);
        }

        for (var n = 1; n <= MaxSize; n++)
        {
            var prefix = leaves.Hashes[..n];
            for (var m = 0; m <= n; m++)
            {
                var proof = tree.ConsistencyProof(m, n);
                Assert.True(MerkleTree.VerifyConsistency(m, n, roots[m], roots[n], proof), $"{m} -> {n}");
                if (n <= EqualUpTo)
                {
                    AssertSameHashes(MerkleTree.ConsistencyProof(prefix, m), proof, m, n);
                }
            }
        }
    }

    [Theory]
    [InlineData(255)]
    [InlineData(256)]
    [InlineData(257)]
    [InlineData(300)]
    public void Proofs_EveryIndexAndOldSizeAtSize_EqualCore(int n)
    {
        var (leaves, tree) = MemoryLeafHashes.Build(n);

        for (var i = 0; i < n; i++)
        {
            AssertSameHashes(MerkleTree.InclusionProof(leaves.Hashes, i), tree.InclusionProof(i, n), i, n);
            AssertSameHashes(MerkleTree.ConsistencyProof(leaves.Hashes, i), tree.ConsistencyProof(i, n), i, n);
        }
    }

    /// <summary>Element-wise (xunit's deep collection comparison costs more than the proofs themselves here).</summary>
    internal static void AssertSameHashes(IReadOnlyList<byte[]> expected, IReadOnlyList<byte[]> actual, long a, long n)
    {
        Assert.True(expected.Count == actual.Count, $"({a}, {n}): {actual.Count} hashes, expected {expected.Count}");
        for (var e = 0; e < expected.Count; e++)
        {
            Assert.True(expected[e].AsSpan().SequenceEqual(actual[e]), $"({a}, {n}): hash {e} differs");
        }
    }

    [Fact]
    public void Proofs_ForOlderSizesAfterMoreAppends_AreUnchanged()
    {
        var (leaves, tree) = MemoryLeafHashes.Build(37);
        var before = tree.InclusionProof(5, 37);
        var consistency = tree.ConsistencyProof(11, 37);

        for (var i = 37; i < 1000; i++)
        {
            var hash = MerkleTree.LeafHash(BitConverter.GetBytes(i));
            leaves.Hashes.Add(hash);
            tree.Append(hash);
        }

        tree.Publish();
        Assert.Equal(before, tree.InclusionProof(5, 37));
        Assert.Equal(consistency, tree.ConsistencyProof(11, 37));
        Assert.Equal(MerkleTree.InclusionProof(leaves.Hashes, 777), tree.InclusionProof(777, 1000));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(-1, 5)]
    [InlineData(5, 5)]
    [InlineData(0, 6)]
    public void InclusionProof_IndexOrSizeOutOfRange_Throws(long index, long size)
    {
        var (_, tree) = MemoryLeafHashes.Build(5);

        Assert.Throws<ArgumentOutOfRangeException>(() => tree.InclusionProof(index, size));
    }

    [Theory]
    [InlineData(-1, 3)]
    [InlineData(4, 3)]
    [InlineData(2, 6)]
    public void ConsistencyProof_SizesOutOfRange_Throws(long oldSize, long newSize)
    {
        var (_, tree) = MemoryLeafHashes.Build(5);

        Assert.Throws<ArgumentOutOfRangeException>(() => tree.ConsistencyProof(oldSize, newSize));
    }

    [Fact]
    public void Root_UnpublishedAppends_AreNotVisible()
    {
        var (leaves, tree) = MemoryLeafHashes.Build(3);
        tree.Append(MerkleTree.LeafHash([9]));

        Assert.Equal(3, tree.Size);
        Assert.Throws<ArgumentOutOfRangeException>(() => tree.Root(4));
        Assert.Equal(MerkleTree.RootFromLeafHashes(leaves.Hashes), tree.Root(3));
    }
}
