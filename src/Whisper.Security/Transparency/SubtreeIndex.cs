using System.Numerics;

using Whisper.Core.Integrity;

namespace Whisper.Security.Transparency;

/// <summary>
/// The RFC 6962 tree over a log's leaf hashes with every complete subtree of 16 or more leaves cached, so appends cost
/// O(1) amortised node hashes and roots and proofs cost O(log n) lookups plus at most a few dozen node hashes, instead
/// of Core's <see cref="MerkleTree"/> re-hashing all n leaves. Hashing is Core's <see cref="MerkleTree.NodeHash(ReadOnlySpan{byte}, ReadOnlySpan{byte}, Span{byte})"/>.
/// </summary>
/// <remarks>
/// <para>Levels below <see cref="BaseLevel"/> (subtrees of 1–8 leaves) are recomputed from level 0, which lives in
/// <see cref="ILeafHashSource"/> (the log's <c>hashes.dat</c>): at most 8 leaf hashes per read and 7 node hashes per
/// piece. Memory: 32 bytes per 16 leaves for level 4 and as much again for all levels above it — 40 MB at 10M leaves.</para>
/// <para>One writer calls <see cref="Append"/> then <see cref="Publish"/>; any number of readers ask for roots and
/// proofs of sizes up to <see cref="Size"/> concurrently. Complete subtrees never change, so a reader needs no lock.</para>
/// </remarks>
internal sealed partial class SubtreeIndex
{
    /// <summary>The lowest cached level: subtrees of 2^4 = 16 leaves.</summary>
    public const int BaseLevel = 4;

    private const int BlockLeaves = 1 << BaseLevel;
    private const int HashSize = MerkleTree.HashSize;

    private readonly ILeafHashSource _leaves;

    // _levels[i] holds the roots of the complete, aligned subtrees of 2^(BaseLevel + i) leaves, left to right.
    private readonly HashColumn?[] _levels = new HashColumn?[63 - BaseLevel];

    // The leaf hashes of the block of 16 being filled (the writer's frontier below BaseLevel).
    private readonly byte[] _pending = new byte[BlockLeaves * HashSize];
    private int _pendingCount;
    private long _appended;
    private long _size;

    public SubtreeIndex(ILeafHashSource leaves) => _leaves = leaves;

    /// <summary>Leaves readers may use: the size last published.</summary>
    public long Size => Volatile.Read(ref _size);

    /// <summary>Adds the next leaf hash (writer only); readers see it after <see cref="Publish"/>.</summary>
    public void Append(ReadOnlySpan<byte> leafHash)
    {
        if (leafHash.Length != HashSize)
        {
            throw new ArgumentException($"A leaf hash is {HashSize} bytes; got {leafHash.Length}.", nameof(leafHash));
        }

        leafHash.CopyTo(_pending.AsSpan(_pendingCount * HashSize, HashSize));
        _pendingCount++;
        _appended++;
        if (_pendingCount == BlockLeaves)
        {
            Span<byte> root = stackalloc byte[HashSize];
            PerfectRoot(_pending, BlockLeaves, root);
            Push(0, root);
            _pendingCount = 0;
        }
    }

    /// <summary>Makes every appended leaf visible to readers. The caller has made level 0 readable for them first.</summary>
    public void Publish() => Volatile.Write(ref _size, _appended);

    /// <summary>MTH of the first <paramref name="treeSize"/> leaves (the empty root for 0).</summary>
    public byte[] Root(long treeSize)
    {
        RequireSize(treeSize, Size);
        var root = new byte[HashSize];
        if (treeSize == 0)
        {
            MerkleTree.EmptyRoot().CopyTo(root, 0);
        }
        else
        {
            RangeHash(0, treeSize, root);
        }

        return root;
    }

    private void Push(int level, ReadOnlySpan<byte> hash)
    {
        var column = _levels[level];
        if (column is null)
        {
            column = new HashColumn();
            Volatile.Write(ref _levels[level], column);
        }

        column.Append(hash);
        var count = column.Count;
        if ((count & 1) == 0)
        {
            Span<byte> parent = stackalloc byte[HashSize];
            MerkleTree.NodeHash(column.Get(count - 2), column.Get(count - 1), parent);
            Push(level + 1, parent);
        }
    }

    /// <summary>
    /// MTH(D[start:end]) for a range the RFC's recursion produces: start is a multiple of the smallest power of two
    /// ≥ end − start. Such a range is its perfect aligned pieces (the binary digits of its width, largest first),
    /// folded from the right: MTH = NodeHash(piece₁, NodeHash(piece₂, … pieceₖ)).
    /// </summary>
    private void RangeHash(long start, long end, Span<byte> destination)
    {
        Span<byte> piece = stackalloc byte[HashSize];
        var remaining = end - start;
        var position = end;
        var first = true;
        while (remaining > 0)
        {
            var width = remaining & -remaining;
            position -= width;
            remaining -= width;
            if (first)
            {
                PerfectHash(position, BitOperations.Log2((ulong)width), destination);
                first = false;
            }
            else
            {
                PerfectHash(position, BitOperations.Log2((ulong)width), piece);
                MerkleTree.NodeHash(piece, destination, destination);
            }
        }
    }

    /// <summary>The root of the complete subtree of 2^<paramref name="level"/> leaves starting at leaf <paramref name="start"/>.</summary>
    private void PerfectHash(long start, int level, Span<byte> destination)
    {
        if (level >= BaseLevel)
        {
            Volatile.Read(ref _levels[level - BaseLevel])!.Get(start >> level).CopyTo(destination);
            return;
        }

        var count = 1 << level;
        Span<byte> hashes = stackalloc byte[(BlockLeaves / 2) * HashSize];
        hashes = hashes[..(count * HashSize)];
        _leaves.ReadLeafHashes(start, count, hashes);
        PerfectRoot(hashes, count, destination);
    }

    /// <summary>Root of <paramref name="count"/> (a power of two) packed hashes; overwrites them.</summary>
    private static void PerfectRoot(Span<byte> hashes, int count, Span<byte> destination)
    {
        for (var width = count; width > 1; width >>= 1)
        {
            for (var i = 0; i < width / 2; i++)
            {
                MerkleTree.NodeHash(hashes.Slice(2 * i * HashSize, HashSize), hashes.Slice(((2 * i) + 1) * HashSize, HashSize), hashes.Slice(i * HashSize, HashSize));
            }
        }

        hashes[..HashSize].CopyTo(destination);
    }

    private static void RequireSize(long treeSize, long size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(treeSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(treeSize, size);
    }
}
