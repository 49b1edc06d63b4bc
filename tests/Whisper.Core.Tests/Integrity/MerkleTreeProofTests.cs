using Whisper.Core.Integrity;

namespace Whisper.Core.Tests.Integrity;

public sealed class MerkleTreeProofTests
{
    private const int MaxSize = 64;

    private static byte[] Hex(string hex) => Convert.FromHexString(hex);

    private static byte[][] CtLeafHashes(int n) => MerkleTreeTests.LeafHashes(MerkleTreeTests.CtLeaves[..n]);

    private static byte[] CtRoot(int n) => Hex(MerkleTreeTests.CtRoots[n]);

    [Theory]
    [InlineData(0, 8, "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")]
    [InlineData(5, 8, "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")]
    public void InclusionProof_CertificateTransparencyVectors_MatchPublishedPaths(int index, int size, params string[] path)
    {
        var leaves = CtLeafHashes(size);
        var proof = MerkleTree.InclusionProof(leaves, index);
        Assert.Equal(path, proof.Select(Convert.ToHexStringLower));
        Assert.True(MerkleTree.VerifyInclusion(index, size, leaves[index], proof, CtRoot(size)));
    }

    [Theory]
    [InlineData(1, 8, "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")]
    [InlineData(6, 8, "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
        "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")]
    [InlineData(2, 5, "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b")]
    public void ConsistencyProof_CertificateTransparencyVectors_MatchPublishedProofs(int oldSize, int size, params string[] expected)
    {
        var proof = MerkleTree.ConsistencyProof(CtLeafHashes(size), oldSize);
        Assert.Equal(expected, proof.Select(Convert.ToHexStringLower));
        Assert.True(MerkleTree.VerifyConsistency(oldSize, size, CtRoot(oldSize), CtRoot(size), proof));
    }

    [Fact]
    public void InclusionProof_EveryIndexOfSizes1To64_MatchesDefinitionAndVerifies()
    {
        for (var n = 1; n <= MaxSize; n++)
        {
            var data = NaiveMerkle.Data(n);
            var leaves = MerkleTreeTests.LeafHashes(data);
            var root = NaiveMerkle.Mth(data);
            for (var m = 0; m < n; m++)
            {
                var proof = MerkleTree.InclusionProof(leaves, m);
                Assert.Equal(NaiveMerkle.Path(m, data), proof);
                Assert.True(MerkleTree.VerifyInclusion(m, n, leaves[m], proof, root), $"index {m} of {n}");
            }
        }
    }

    [Fact]
    public void VerifyInclusion_WrongIndex_Fails()
    {
        for (var n = 1; n <= MaxSize; n++)
        {
            var leaves = MerkleTreeTests.LeafHashes(NaiveMerkle.Data(n));
            var root = MerkleTree.RootFromLeafHashes(leaves);
            for (var m = 0; m < n; m++)
            {
                var proof = MerkleTree.InclusionProof(leaves, m);
                for (var other = -1; other <= MaxSize + 1; other++)
                {
                    if (other != m)
                    {
                        Assert.False(MerkleTree.VerifyInclusion(other, n, leaves[m], proof, root), $"index {other} for {m} of {n}");
                    }
                }
            }
        }
    }

    [Fact]
    public void VerifyInclusion_OtherTreeSizeWithItsRoot_Fails()
    {
        // A proof from the n-leaf tree must not pass for any other size of the same log. (Against the n-leaf root
        // itself a few other sizes can pass: the proof's hashes are opaque, e.g. leaf 2's hash could stand for the
        // node over leaves 2..3 of a 4-leaf tree. Telling them apart would take a SHA-256 collision, so the
        // signed tree size and root are what pin the size.)
        var all = MerkleTreeTests.LeafHashes(NaiveMerkle.Data(MaxSize + 1));
        var roots = Enumerable.Range(0, MaxSize + 2).Select(k => MerkleTree.RootFromLeafHashes(all[..k])).ToArray();
        for (var n = 1; n <= MaxSize; n++)
        {
            for (var m = 0; m < n; m++)
            {
                var proof = MerkleTree.InclusionProof(all[..n], m);
                for (var other = 0; other <= MaxSize + 1; other++)
                {
                    if (other != n)
                    {
                        Assert.False(MerkleTree.VerifyInclusion(m, other, all[m], proof, roots[other]), $"size {other} for {m} of {n}");
                    }
                }

                Assert.False(MerkleTree.VerifyInclusion(m, -1, all[m], proof, roots[n]));
                Assert.False(MerkleTree.VerifyInclusion(m, 0, all[m], proof, roots[n]));
            }
        }
    }

    [Fact]
    public void VerifyInclusion_AnyFlippedByte_Fails()
    {
        for (var n = 1; n <= MaxSize; n++)
        {
            var leaves = MerkleTreeTests.LeafHashes(NaiveMerkle.Data(n));
            var root = MerkleTree.RootFromLeafHashes(leaves);
            for (var m = 0; m < n; m++)
            {
                var proof = MerkleTree.InclusionProof(leaves, m);
                foreach (var target in Targets(proof, leaves[m], root))
                {
                    foreach (var b in BytesToFlip(m + n))
                    {
                        target[b] ^= 0x01;
                        Assert.False(MerkleTree.VerifyInclusion(m, n, leaves[m], proof, root), $"flip at byte {b}, index {m} of {n}");
                        target[b] ^= 0x01;
                    }
                }

                Assert.True(MerkleTree.VerifyInclusion(m, n, leaves[m], proof, root));
            }
        }
    }

    [Fact]
    public void VerifyInclusion_ProofWithElementMissingOrAdded_Fails()
    {
        var leaves = MerkleTreeTests.LeafHashes(NaiveMerkle.Data(13));
        var root = MerkleTree.RootFromLeafHashes(leaves);
        var proof = MerkleTree.InclusionProof(leaves, 6);
        Assert.False(MerkleTree.VerifyInclusion(6, 13, leaves[6], proof.Take(proof.Count - 1).ToList(), root));
        Assert.False(MerkleTree.VerifyInclusion(6, 13, leaves[6], [.. proof, root], root));
        Assert.False(MerkleTree.VerifyInclusion(6, 13, leaves[6], [.. proof.Take(proof.Count - 1), new byte[31]], root));
        Assert.False(MerkleTree.VerifyInclusion(6, 13, leaves[6], proof, root.AsSpan(1)));
    }

    [Fact]
    public void ConsistencyProof_EveryOldSizeOfSizes1To64_MatchesDefinitionAndVerifies()
    {
        for (var n = 1; n <= MaxSize; n++)
        {
            var data = NaiveMerkle.Data(n);
            var leaves = MerkleTreeTests.LeafHashes(data);
            var newRoot = NaiveMerkle.Mth(data);
            for (var m = 0; m <= n; m++)
            {
                var proof = MerkleTree.ConsistencyProof(leaves, m);
                if (m > 0 && m < n)
                {
                    Assert.Equal(NaiveMerkle.Proof(m, data), proof);
                }
                else
                {
                    Assert.Empty(proof);
                }

                Assert.True(
                    MerkleTree.VerifyConsistency(m, n, NaiveMerkle.Mth(data[..m]), newRoot, proof), $"old size {m} of {n}");
            }
        }
    }

    [Fact]
    public void VerifyConsistency_OtherSizesWithTheirRoots_Fail()
    {
        // As for inclusion: a proof is pinned to its sizes through the roots (see the inclusion test's comment).
        var all = MerkleTreeTests.LeafHashes(NaiveMerkle.Data(MaxSize + 1));
        var roots = Enumerable.Range(0, MaxSize + 2).Select(k => MerkleTree.RootFromLeafHashes(all[..k])).ToArray();
        for (var n = 2; n <= MaxSize; n++)
        {
            // Old sizes 0 and n have empty proofs, which by definition say nothing about the sizes themselves.
            for (var m = 1; m < n; m++)
            {
                var proof = MerkleTree.ConsistencyProof(all[..n], m);
                for (var other = 0; other <= MaxSize + 1; other++)
                {
                    if (other != m)
                    {
                        Assert.False(MerkleTree.VerifyConsistency(other, n, roots[other], roots[n], proof), $"old size {other} for {m}->{n}");
                    }

                    if (other != n)
                    {
                        Assert.False(MerkleTree.VerifyConsistency(m, other, roots[m], roots[other], proof), $"new size {other} for {m}->{n}");
                    }
                }

                Assert.False(MerkleTree.VerifyConsistency(-1, n, roots[m], roots[n], proof));
                Assert.False(MerkleTree.VerifyConsistency(m, -1, roots[m], roots[n], proof));
            }
        }
    }

    [Fact]
    public void VerifyConsistency_AnyFlippedByte_Fails()
    {
        for (var n = 1; n <= MaxSize; n++)
        {
            var leaves = MerkleTreeTests.LeafHashes(NaiveMerkle.Data(n));
            var newRoot = MerkleTree.RootFromLeafHashes(leaves);
            for (var m = 0; m <= n; m++)
            {
                var oldRoot = MerkleTree.RootFromLeafHashes(leaves[..m]);
                var proof = MerkleTree.ConsistencyProof(leaves, m);

                // With old size 0 the new root is unconstrained (every tree extends the empty one).
                var targets = m == 0 ? [oldRoot] : Targets(proof, oldRoot, newRoot);
                foreach (var target in targets)
                {
                    foreach (var b in BytesToFlip(m + n))
                    {
                        target[b] ^= 0x80;
                        Assert.False(MerkleTree.VerifyConsistency(m, n, oldRoot, newRoot, proof), $"flip at byte {b}, {m}->{n}");
                        target[b] ^= 0x80;
                    }
                }

                Assert.True(MerkleTree.VerifyConsistency(m, n, oldRoot, newRoot, proof));
            }
        }
    }

    [Fact]
    public void VerifyConsistency_DifferentHistory_Fails()
    {
        // Same sizes, but leaf 2 of the new tree differs from the old tree's leaf 2: the log rewrote history.
        var leaves = MerkleTreeTests.LeafHashes(NaiveMerkle.Data(10));
        var forged = (byte[][])leaves.Clone();
        forged[2] = MerkleTree.LeafHash("rewritten"u8);
        var oldRoot = MerkleTree.RootFromLeafHashes(leaves[..5]);
        var forgedProof = MerkleTree.ConsistencyProof(forged, 5);
        Assert.False(MerkleTree.VerifyConsistency(5, 10, oldRoot, MerkleTree.RootFromLeafHashes(forged), forgedProof));
    }

    [Fact]
    public void VerifyConsistency_ProofWithElementMissingOrAdded_Fails()
    {
        var leaves = MerkleTreeTests.LeafHashes(NaiveMerkle.Data(13));
        var oldRoot = MerkleTree.RootFromLeafHashes(leaves[..6]);
        var newRoot = MerkleTree.RootFromLeafHashes(leaves);
        var proof = MerkleTree.ConsistencyProof(leaves, 6);
        Assert.True(MerkleTree.VerifyConsistency(6, 13, oldRoot, newRoot, proof));
        Assert.False(MerkleTree.VerifyConsistency(6, 13, oldRoot, newRoot, proof.Take(proof.Count - 1).ToList()));
        Assert.False(MerkleTree.VerifyConsistency(6, 13, oldRoot, newRoot, [.. proof, newRoot]));
        Assert.False(MerkleTree.VerifyConsistency(6, 13, oldRoot, newRoot, []));
        Assert.False(MerkleTree.VerifyConsistency(13, 6, newRoot, oldRoot, proof));
    }

    [Fact]
    public void Proofs_IndexOrSizeOutOfRange_Throw()
    {
        var leaves = MerkleTreeTests.LeafHashes(NaiveMerkle.Data(4));
        Assert.Throws<ArgumentOutOfRangeException>(() => MerkleTree.InclusionProof(leaves, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => MerkleTree.InclusionProof(leaves, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => MerkleTree.ConsistencyProof(leaves, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => MerkleTree.ConsistencyProof(leaves, -1));
    }

    /// <summary>
    /// The first and last byte of a hash and one that moves with the case, so every position is hit across the
    /// run (all 32 in every case would take seconds and prove nothing more about SHA-256).
    /// </summary>
    private static int[] BytesToFlip(int seed) => [0, 1 + (seed % 30), MerkleTree.HashSize - 1];

    /// <summary>Every hash a verifier takes in: each proof element, the leaf (or old root) and the root.</summary>
    private static IEnumerable<byte[]> Targets(IReadOnlyList<byte[]> proof, byte[] first, byte[] root) =>
        [.. proof, first, root];
}
