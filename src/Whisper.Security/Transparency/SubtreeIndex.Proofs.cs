using System.Numerics;

namespace Whisper.Security.Transparency;

internal sealed partial class SubtreeIndex
{
    /// <summary>
    /// PATH(index, D[treeSize]) of RFC 6962 §2.1.1, leaf end first: the same list Core's
    /// <see cref="Core.Integrity.MerkleTree.InclusionProof"/> gives, from cached subtrees.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">treeSize is not in [1, Size] or index not in [0, treeSize).</exception>
    public IReadOnlyList<byte[]> InclusionProof(long index, long treeSize)
    {
        RequireSize(treeSize, Size);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, treeSize);

        // The RFC's recursion unrolled from the top: keep the half holding the leaf, record the other half's root.
        var path = new List<byte[]>(64 - BitOperations.LeadingZeroCount((ulong)treeSize));
        long start = 0, end = treeSize;
        while (end - start > 1)
        {
            var k = SplitPoint(end - start);
            var node = new byte[HashSize];
            if (index < start + k)
            {
                RangeHash(start + k, end, node);
                end = start + k;
            }
            else
            {
                RangeHash(start, start + k, node);
                start += k;
            }

            path.Add(node);
        }

        path.Reverse();
        return path;
    }

    /// <summary>
    /// PROOF(oldSize, D[newSize]) of RFC 6962 §2.1.2, leaf end first: empty when oldSize is 0 or equals newSize.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">newSize is not in [0, Size] or oldSize not in [0, newSize].</exception>
    public IReadOnlyList<byte[]> ConsistencyProof(long oldSize, long newSize)
    {
        RequireSize(newSize, Size);
        ArgumentOutOfRangeException.ThrowIfNegative(oldSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(oldSize, newSize);

        var proof = new List<byte[]>(2 * (64 - BitOperations.LeadingZeroCount((ulong)newSize)));
        if (oldSize == 0 || oldSize == newSize)
        {
            return proof;
        }

        // SUBPROOF(m, D[start:end], b) unrolled from the top; records reversed at the end like the audit path.
        long start = 0, end = newSize, m = oldSize;
        var wholeOldTree = true;
        while (true)
        {
            if (m == end - start)
            {
                // The old tree's root is a node of the new tree: a verifier holding it needs it only when b is unset.
                if (!wholeOldTree)
                {
                    var node = new byte[HashSize];
                    RangeHash(start, end, node);
                    proof.Add(node);
                }

                break;
            }

            var k = SplitPoint(end - start);
            var sibling = new byte[HashSize];
            if (m <= k)
            {
                RangeHash(start + k, end, sibling);
                end = start + k;
            }
            else
            {
                RangeHash(start, start + k, sibling);
                start += k;
                m -= k;
                wholeOldTree = false;
            }

            proof.Add(sibling);
        }

        proof.Reverse();
        return proof;
    }

    /// <summary>The largest power of two strictly smaller than <paramref name="n"/> (n ≥ 2).</summary>
    private static long SplitPoint(long n) => 1L << (63 - BitOperations.LeadingZeroCount((ulong)(n - 1)));
}
