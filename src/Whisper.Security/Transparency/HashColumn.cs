using Whisper.Core.Integrity;

namespace Whisper.Security.Transparency;

/// <summary>
/// An append-only column of 32-byte hashes in 1 MiB segments (32,768 hashes). One writer appends; readers read any
/// index below a count the writer published elsewhere (the tree size), without locks: a segment never moves once
/// full, and the first segment grows by copying, so a reader holding an older array still sees every published hash.
/// </summary>
internal sealed class HashColumn
{
    private const int SegmentShift = 15;
    private const int SegmentHashes = 1 << SegmentShift;
    private const int FirstCapacity = 4;

    private byte[][] _segments = [];
    private long _count;

    /// <summary>Hashes appended (writer's view).</summary>
    public long Count => _count;

    public void Append(ReadOnlySpan<byte> hash)
    {
        var segment = (int)(_count >> SegmentShift);
        var slot = (int)(_count & (SegmentHashes - 1));
        var segments = _segments;
        if (segment == segments.Length || segments[segment].Length < (slot + 1) * MerkleTree.HashSize)
        {
            segments = Grow(segments, segment, slot);
        }

        hash.CopyTo(segments[segment].AsSpan(slot * MerkleTree.HashSize, MerkleTree.HashSize));
        _count++;
    }

    public ReadOnlySpan<byte> Get(long index)
    {
        var segments = Volatile.Read(ref _segments);
        return segments[(int)(index >> SegmentShift)].AsSpan((int)(index & (SegmentHashes - 1)) * MerkleTree.HashSize, MerkleTree.HashSize);
    }

    private byte[][] Grow(byte[][] segments, int segment, int slot)
    {
        byte[][] grown;
        if (segment == segments.Length)
        {
            grown = new byte[segment + 1][];
            Array.Copy(segments, grown, segments.Length);
            // Small columns (the upper levels of the tree) start small rather than at 1 MiB each.
            grown[segment] = new byte[(segment == 0 ? FirstCapacity : SegmentHashes) * MerkleTree.HashSize];
        }
        else
        {
            grown = (byte[][])segments.Clone();
            var bigger = new byte[Math.Min(SegmentHashes, Math.Max(slot + 1, segments[segment].Length / MerkleTree.HashSize * 2)) * MerkleTree.HashSize];
            segments[segment].CopyTo(bigger, 0);
            grown[segment] = bigger;
        }

        Volatile.Write(ref _segments, grown);
        return grown;
    }
}
