using System.Security.Cryptography;

namespace Whisper.Core.Integrity;

public static partial class MerkleTree
{
    /// <summary>
    /// The audit path PATH(index, D[n]) of RFC 6962 §2.1.1: the sibling subtree hashes from the leaf up to the root.
    /// A one-leaf tree has an empty path.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not in [0, n).</exception>
    public static IReadOnlyList<byte[]> InclusionProof(IReadOnlyList<byte[]> leafHashes, long index)
    {
        ArgumentNullException.ThrowIfNull(leafHashes);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, leafHashes.Count);
        RequireLeafHashes(leafHashes);

        // The RFC's recursion unrolled from the top: each step keeps the half holding the leaf and records the
        // other half's root; the records come out root-end first, so they are reversed at the end.
        var path = new List<byte[]>();
        int start = 0, end = leafHashes.Count, m = (int)index;
        while (end - start > 1)
        {
            var k = SplitPoint(end - start);
            if (m < start + k)
            {
                path.Add(SubtreeRoot(leafHashes, start + k, end));
                end = start + k;
            }
            else
            {
                path.Add(SubtreeRoot(leafHashes, start, start + k));
                start += k;
            }
        }

        path.Reverse();
        return path;
    }

    /// <summary>
    /// Checks that <paramref name="leafHash"/> is leaf <paramref name="index"/> of the tree of
    /// <paramref name="treeSize"/> leaves whose root is <paramref name="root"/> (RFC 9162 §2.1.3.2).
    /// </summary>
    /// <returns><see langword="false"/> for a wrong proof and for any malformed input (sizes, hash lengths).</returns>
    public static bool VerifyInclusion(
        long index, long treeSize, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> root)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (index < 0 || index >= treeSize || leafHash.Length != HashSize || root.Length != HashSize || !AllHashes(proof))
        {
            return false;
        }

        var fn = index;
        var sn = treeSize - 1;
        Span<byte> r = stackalloc byte[HashSize];
        leafHash.CopyTo(r);
        for (var i = 0; i < proof.Count; i++)
        {
            if (sn == 0)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                NodeHash(proof[i], r, r);
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
                NodeHash(r, proof[i], r);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 && CryptographicOperations.FixedTimeEquals(r, root);
    }
}
