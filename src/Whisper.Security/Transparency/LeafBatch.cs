using System.Buffers.Binary;

using Whisper.Core.Integrity;

namespace Whisper.Security.Transparency;

/// <summary>
/// Leaves framed for <c>leaves.dat</c> and their <c>hashes.dat</c> records, built before anything touches the files.
/// Offsets in the hash records are relative to the batch until <see cref="LogFiles.Append"/> fixes them. Reused across
/// batches: ~100 bytes per entry plus 40 per hash record, so 4 MB for a 32,768-entry batch.
/// </summary>
internal sealed class LeafBatch
{
    private byte[] _records = new byte[16 * 1024];
    private byte[] _hashRecords = new byte[64 * LogFiles.HashRecordSize];
    private int _recordsLength;

    public int Count { get; private set; }

    public ReadOnlySpan<byte> Records => _records.AsSpan(0, _recordsLength);

    public Span<byte> HashRecords => _hashRecords.AsSpan(0, Count * LogFiles.HashRecordSize);

    public ReadOnlySpan<byte> LeafHash(int index) => _hashRecords.AsSpan(index * LogFiles.HashRecordSize, MerkleTree.HashSize);

    public void Clear()
    {
        _recordsLength = 0;
        Count = 0;
    }

    public void Add(LogEntry entry)
    {
        var record = Reserve(LogEntry.MaxLeafSize);
        var length = entry.WriteLeaf(record[4..]);
        Commit(record, length);
    }

    private Span<byte> Reserve(int maxLeaf)
    {
        var need = _recordsLength + LogFiles.LeafFraming + maxLeaf;
        if (need > _records.Length)
        {
            Array.Resize(ref _records, Math.Max(need, _records.Length * 2));
        }

        if ((Count + 1) * LogFiles.HashRecordSize > _hashRecords.Length)
        {
            Array.Resize(ref _hashRecords, _hashRecords.Length * 2);
        }

        return _records.AsSpan(_recordsLength);
    }

    private void Commit(Span<byte> record, int length)
    {
        BinaryPrimitives.WriteUInt32BigEndian(record, (uint)length);
        var trailer = record.Slice(4 + length, MerkleTree.HashSize);
        MerkleTree.LeafHash(record.Slice(4, length), trailer);
        var hashRecord = _hashRecords.AsSpan(Count * LogFiles.HashRecordSize, LogFiles.HashRecordSize);
        trailer.CopyTo(hashRecord);
        BinaryPrimitives.WriteInt64BigEndian(hashRecord[MerkleTree.HashSize..], _recordsLength);
        _recordsLength += LogFiles.LeafFraming + length;
        Count++;
    }
}
