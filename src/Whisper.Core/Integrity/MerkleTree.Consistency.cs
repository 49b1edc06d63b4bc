using System.Security.Cryptography;

namespace Whisper.Core.Integrity;

public static partial class MerkleTree
{
    /// <summary>
    /// The consistency proof PROOF(oldSize, D[n]) of RFC 6962 §2.1.2: the fewest subtree hashes that show the tree
    /// of the first <paramref name="oldSize"/> leaves is a prefix of this one. Empty when
    /// <paramref name="oldSize"/> is 0 or n (nothing to prove).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="oldSize"/> is not in [0, n].</exception>
    public static IReadOnlyList<byte[]> ConsistencyProof(IReadOnlyList<byte[]> leafHashes, long oldSize)
    {
        ArgumentNullException.ThrowIfNull(leafHashes);
        ArgumentOutOfRangeException.ThrowIfNegative(oldSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(oldSize, leafHashes.Count);
        RequireLeafHashes(leafHashes);

        var proof = new List<byte[]>();
        if (oldSize == 0 || oldSize == leafHashes.Count)
        {
            return proof;
        }

        // SUBPROOF(m, D[start:end], b) unrolled from the top, records reversed at the end like the audit path.
        int start = 0, end = leafHashes.Count, m = (int)oldSize;
        var wholeOldTree = true;
        while (true)
        {
            var n = end - start;
            if (m == n)
            {
                // The old tree's root is itself a node of the new tree: the verifier already has it when b is set.
                if (!wholeOldTree)
                {
                    proof.Add(SubtreeRoot(leafHashes, start, end));
                }

                break;
            }

            var k = SplitPoint(n);
            if (m <= k)
            {
                proof.Add(SubtreeRoot(leafHashes, start + k, end));
                end = start + k;
            }
            else
            {
                proof.Add(SubtreeRoot(leafHashes, start, start + k));
                start += k;
                m -= k;
                wholeOldTree = false;
            }
        }

        proof.Reverse();
        return proof;
    }

    /// <summary>
    /// Checks that the tree of <paramref name="oldSize"/> leaves with root <paramref name="oldRoot"/> is a prefix of
    /// the tree of <paramref name="newSize"/> leaves with root <paramref name="newRoot"/> (RFC 9162 §2.1.4.2).
    /// Equal sizes need an empty proof and equal roots; an old size of 0 needs an empty proof and the empty root.
    /// </summary>
    /// <returns><see langword="false"/> for a wrong proof and for any malformed input (sizes, hash lengths).</returns>
    public static bool VerifyConsistency(
        long oldSize, long newSize, ReadOnlySpan<byte> oldRoot, ReadOnlySpan<byte> newRoot, IReadOnlyList<byte[]> proof)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (oldSize < 0 || newSize < oldSize || oldRoot.Length != HashSize || newRoot.Length != HashSize
            || !AllHashes(proof))
        {
            return false;
        }

        if (oldSize == newSize)
        {
            return proof.Count == 0 && CryptographicOperations.FixedTimeEquals(oldRoot, newRoot);
        }

        if (oldSize == 0)
        {
            Span<byte> empty = stackalloc byte[HashSize];
            SHA256.HashData(ReadOnlySpan<byte>.Empty, empty);
            return proof.Count == 0 && CryptographicOperations.FixedTimeEquals(oldRoot, empty);
        }

        if (proof.Count == 0)
        {
            return false;
        }

        // RFC 9162 step 2: when the old size is a power of two the old root is a node of the new tree and is not
        // sent; the path starts with it. `first` is the index in `proof` of path element 1.
        var oldRootLeads = (oldSize & (oldSize - 1)) == 0;
        var first = oldRootLeads ? 0 : 1;
        var fn = oldSize - 1;
        var sn = newSize - 1;
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }

        Span<byte> fr = stackalloc byte[HashSize];
        Span<byte> sr = stackalloc byte[HashSize];
        (oldRootLeads ? oldRoot : proof[0]).CopyTo(fr);
        fr.CopyTo(sr);
        for (var i = first; i < proof.Count; i++)
        {
            if (sn == 0)
            {
                return false;
            }

            var c = proof[i];
            if ((fn & 1) == 1 || fn == sn)
            {
                NodeHash(c, fr, fr);
                NodeHash(c, sr, sr);
                if ((fn & 1) == 0)
                {
                    while ((fn & 1) == 0 && fn != 0)
                    {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            }
            else
            {
                NodeHash(sr, c, sr);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0
            && CryptographicOperations.FixedTimeEquals(fr, oldRoot)
            && CryptographicOperations.FixedTimeEquals(sr, newRoot);
    }
}
