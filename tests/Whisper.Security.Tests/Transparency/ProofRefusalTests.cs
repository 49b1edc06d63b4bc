using Whisper.Core.Integrity;

namespace Whisper.Security.Tests.Transparency;

/// <summary>
/// Every way to spoil a proof the log produced is refused by Core's verifiers. A claimed size is always paired with
/// the genuine root of that size, as a verifier gets it from a signed head (the signature binds size and root; the
/// RFC 9162 checks alone cannot tell 3 → 7 from 3 → 8 when handed the root of 7 for both).
/// </summary>
public sealed class ProofRefusalTests
{
    private const int Size = 300;

    // Twice the largest proven size, so every claimed size has a genuine root.
    private static readonly (MemoryLeafHashes Leaves, Security.Transparency.SubtreeIndex Tree) Log = MemoryLeafHashes.Build(2 * Size);

    public static TheoryData<int, int> InclusionCases => new() { { 0, 1 }, { 0, 2 }, { 1, 2 }, { 6, 7 }, { 123, 300 }, { 299, 300 }, { 255, 256 }, { 16, 17 } };

    public static TheoryData<int, int> ConsistencyCases => new() { { 1, 2 }, { 3, 7 }, { 4, 8 }, { 16, 17 }, { 100, 300 }, { 256, 300 }, { 299, 300 } };

    [Theory]
    [MemberData(nameof(InclusionCases))]
    public void VerifyInclusion_AnySpoiledPart_IsRefused(int index, int size)
    {
        var leaf = Log.Leaves.Hashes[index];
        var root = Log.Tree.Root(size);
        var proof = Log.Tree.InclusionProof(index, size);
        Assert.True(MerkleTree.VerifyInclusion(index, size, leaf, proof, root));

        Assert.False(MerkleTree.VerifyInclusion(index, size, leaf, proof, Log.Tree.Root(size + 1)), "wrong root");
        Assert.False(MerkleTree.VerifyInclusion(index, size, Log.Leaves.Hashes[index + 1], proof, root), "wrong leaf");
        if (proof.Count > 0)
        {
            Assert.False(MerkleTree.VerifyInclusion(index, size, leaf, proof.Take(proof.Count - 1).ToList(), root), "truncated");
            Assert.False(MerkleTree.VerifyInclusion(index, size, leaf, proof.Skip(1).ToList(), root), "first element dropped");
        }

        Assert.False(MerkleTree.VerifyInclusion(index, size, leaf, [.. proof, root], root), "extended at the end");
        Assert.False(MerkleTree.VerifyInclusion(index, size, leaf, [leaf, .. proof], root), "extended at the start");
        Assert.False(MerkleTree.VerifyInclusion(index, size, leaf, [.. proof, new byte[31]], root), "short hash");
        if (proof.Count > 1)
        {
            Assert.False(MerkleTree.VerifyInclusion(index, size, leaf, proof.Reverse().ToList(), root), "reversed");
        }

        foreach (var (otherIndex, otherSize) in new[] { (index + 1, size), (index - 1, size), (index, size + 1), (index, size - 1), (index, size * 2), (index + size, size * 2) })
        {
            var claimedRoot = otherSize > 0 ? Log.Tree.Root(otherSize) : root;
            Assert.False(MerkleTree.VerifyInclusion(otherIndex, otherSize, leaf, proof, claimedRoot), $"as index {otherIndex} of {otherSize}");
        }

        for (var bit = 0; bit < MerkleTree.HashSize * 8; bit++)
        {
            Assert.False(MerkleTree.VerifyInclusion(index, size, Flip(leaf, bit), proof, root), $"leaf bit {bit}");
            Assert.False(MerkleTree.VerifyInclusion(index, size, leaf, proof, Flip(root, bit)), $"root bit {bit}");
            for (var e = 0; e < proof.Count; e++)
            {
                var spoiled = proof.ToList();
                spoiled[e] = Flip(proof[e], bit);
                Assert.False(MerkleTree.VerifyInclusion(index, size, leaf, spoiled, root), $"element {e} bit {bit}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(ConsistencyCases))]
    public void VerifyConsistency_AnySpoiledPart_IsRefused(int oldSize, int newSize)
    {
        var oldRoot = Log.Tree.Root(oldSize);
        var newRoot = Log.Tree.Root(newSize);
        var proof = Log.Tree.ConsistencyProof(oldSize, newSize);
        Assert.True(MerkleTree.VerifyConsistency(oldSize, newSize, oldRoot, newRoot, proof));

        Assert.False(MerkleTree.VerifyConsistency(oldSize, newSize, Log.Tree.Root(oldSize - 1), newRoot, proof), "wrong old root");
        Assert.False(MerkleTree.VerifyConsistency(oldSize, newSize, oldRoot, Log.Tree.Root(newSize - 1), proof), "wrong new root");
        Assert.False(MerkleTree.VerifyConsistency(oldSize, newSize, newRoot, oldRoot, proof), "roots swapped");
        Assert.False(MerkleTree.VerifyConsistency(oldSize, newSize, oldRoot, newRoot, proof.Take(proof.Count - 1).ToList()), "truncated");
        Assert.False(MerkleTree.VerifyConsistency(oldSize, newSize, oldRoot, newRoot, proof.Skip(1).ToList()), "first element dropped");
        Assert.False(MerkleTree.VerifyConsistency(oldSize, newSize, oldRoot, newRoot, [.. proof, newRoot]), "extended at the end");
        Assert.False(MerkleTree.VerifyConsistency(oldSize, newSize, oldRoot, newRoot, [oldRoot, .. proof]), "extended at the start");
        Assert.False(MerkleTree.VerifyConsistency(oldSize, newSize, oldRoot, newRoot, []), "empty");
        foreach (var (m, n) in new[] { (oldSize + 1, newSize), (oldSize - 1, newSize), (oldSize, newSize + 1), (oldSize, newSize - 1), (newSize, oldSize) })
        {
            Assert.False(MerkleTree.VerifyConsistency(m, n, Log.Tree.Root(m), Log.Tree.Root(n), proof), $"as {m} -> {n}");
        }

        for (var bit = 0; bit < MerkleTree.HashSize * 8; bit++)
        {
            Assert.False(MerkleTree.VerifyConsistency(oldSize, newSize, Flip(oldRoot, bit), newRoot, proof), $"old root bit {bit}");
            Assert.False(MerkleTree.VerifyConsistency(oldSize, newSize, oldRoot, Flip(newRoot, bit), proof), $"new root bit {bit}");
            for (var e = 0; e < proof.Count; e++)
            {
                var spoiled = proof.ToList();
                spoiled[e] = Flip(proof[e], bit);
                Assert.False(MerkleTree.VerifyConsistency(oldSize, newSize, oldRoot, newRoot, spoiled), $"element {e} bit {bit}");
            }
        }
    }

    private static byte[] Flip(byte[] hash, int bit)
    {
        var copy = (byte[])hash.Clone();
        copy[bit / 8] ^= (byte)(1 << (bit % 8));
        return copy;
    }
}
