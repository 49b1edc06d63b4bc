using System.Buffers;
using System.Buffers.Binary;

using Microsoft.Win32.SafeHandles;

using Whisper.Core.Integrity;

namespace Whisper.Security.Transparency;

/// <summary>
/// A log directory's files (docs/security/transparency-log.md, "Files"): <c>leaves.dat</c>, the leaves themselves,
/// each framed with its length and leaf hash; <c>hashes.dat</c>, one fixed 40-byte record per leaf (leaf hash and the
/// leaf's offset), so leaf i's hash and bytes are one read away; <c>tlog.lock</c>, held exclusively while open so one
/// process writes. Appends write and fsync the leaves, then the hash records; <see cref="Count"/> moves only after both
/// are on disk. Opening repairs a torn tail (<see cref="LogFiles.Recovery"/>).
/// </summary>
internal sealed partial class LogFiles : ILeafHashSource, IDisposable
{
    public const string LeavesFileName = "leaves.dat";
    public const string HashesFileName = "hashes.dat";
    public const string LockFileName = "tlog.lock";

    /// <summary>Magic (4) · version (1) · reserved zeros (3).</summary>
    public const int HeaderSize = 8;

    public const byte FormatVersion = 1;

    /// <summary>Leaf hash (32) · offset of the leaf's record in <c>leaves.dat</c> (8, big-endian).</summary>
    public const int HashRecordSize = 40;

    /// <summary>Per leaf in <c>leaves.dat</c>: length (4, big-endian) before it, its leaf hash (32) after it.</summary>
    public const int LeafFraming = 4 + MerkleTree.HashSize;

    /// <summary>Largest leaf the files hold (a version-1 entry is at most 1,068 bytes).</summary>
    public const int MaxLeafBytes = 64 * 1024;

    /// <summary>
    /// Hash records written between two fsyncs of <c>hashes.dat</c> (2.5 MiB). After a crash only the last window can
    /// be partly on disk, so opening cross-checks this many records at the tail against their leaves (~6 MB read).
    /// </summary>
    internal const int SyncWindow = 65_536;

    private readonly SafeFileHandle _lock;
    private readonly SafeFileHandle _leaves;
    private readonly SafeFileHandle _hashes;
    private long _leavesLength;
    private long _count;
    private bool _faulted;

    private LogFiles(string directory, SafeFileHandle lockHandle, SafeFileHandle leaves, SafeFileHandle hashes)
    {
        Directory = directory;
        _lock = lockHandle;
        _leaves = leaves;
        _hashes = hashes;
    }

    public string Directory { get; }

    /// <summary>Leaves on disk in both files (durable).</summary>
    public long Count => Volatile.Read(ref _count);

    public LogRecovery Recovery { get; private set; } = LogRecovery.None;

    private static ReadOnlySpan<byte> LeavesMagic => "WTLL"u8;

    private static ReadOnlySpan<byte> HashesMagic => "WTLH"u8;

    /// <summary>Writes the batch's leaves, fsyncs, writes its hash records (fsync every <see cref="SyncWindow"/>), then counts them.</summary>
    /// <exception cref="IOException">A write or fsync failed; the files are cut back to the last batch and nothing was added.</exception>
    public void Append(LeafBatch batch)
    {
        if (_faulted)
        {
            throw new IOException($"The transparency log in '{Directory}' hit an I/O error it could not undo; reopen it (recovery repairs the tail).");
        }

        if (batch.Count == 0)
        {
            return;
        }

        var leavesStart = _leavesLength;
        var count = _count;
        var hashRecords = batch.HashRecords;
        for (var i = 0; i < batch.Count; i++)
        {
            var offset = hashRecords.Slice((i * HashRecordSize) + MerkleTree.HashSize, 8);
            BinaryPrimitives.WriteInt64BigEndian(offset, leavesStart + BinaryPrimitives.ReadInt64BigEndian(offset));
        }

        try
        {
            RandomAccess.Write(_leaves, batch.Records, leavesStart);
            RandomAccess.FlushToDisk(_leaves);
            for (var first = 0; first < batch.Count; first += SyncWindow)
            {
                var n = Math.Min(SyncWindow, batch.Count - first);
                RandomAccess.Write(_hashes, hashRecords.Slice(first * HashRecordSize, n * HashRecordSize), HashOffset(count + first));
                RandomAccess.FlushToDisk(_hashes);
            }
        }
        catch (IOException)
        {
            try
            {
                RandomAccess.SetLength(_hashes, HashOffset(count));
                RandomAccess.SetLength(_leaves, leavesStart);
            }
            catch (IOException)
            {
                _faulted = true;
            }

            throw;
        }

        _leavesLength = leavesStart + batch.Records.Length;
        Volatile.Write(ref _count, count + batch.Count);
    }

    public void ReadLeafHashes(long start, int count, Span<byte> destination)
    {
        const int StackRecords = 8;
        var bytes = count * HashRecordSize;
        byte[]? rented = null;
        var records = count <= StackRecords ? stackalloc byte[StackRecords * HashRecordSize] : (rented = ArrayPool<byte>.Shared.Rent(bytes));
        try
        {
            ReadHashRecords(start, count, records);
            for (var i = 0; i < count; i++)
            {
                records.Slice(i * HashRecordSize, MerkleTree.HashSize).CopyTo(destination.Slice(i * MerkleTree.HashSize, MerkleTree.HashSize));
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Copies the 40-byte records of leaves [start, start + count) into <paramref name="destination"/>.</summary>
    public void ReadHashRecords(long start, int count, Span<byte> destination)
    {
        if (start < 0 || count < 0 || start + count > Count)
        {
            throw new ArgumentOutOfRangeException(nameof(start), $"Leaves [{start}, {start + count}) are not all in the log of {Count}.");
        }

        ReadExactly(_hashes, destination[..(count * HashRecordSize)], HashOffset(start), HashesFileName);
    }

    /// <summary>The bytes of leaf <paramref name="index"/>.</summary>
    public byte[] ReadLeaf(long index)
    {
        Span<byte> record = stackalloc byte[HashRecordSize];
        ReadHashRecords(index, 1, record);
        var offset = BinaryPrimitives.ReadInt64BigEndian(record[MerkleTree.HashSize..]);
        Span<byte> length = stackalloc byte[4];
        ReadExactly(_leaves, length, offset, LeavesFileName);
        var n = BinaryPrimitives.ReadUInt32BigEndian(length);
        if (n is 0 or > MaxLeafBytes)
        {
            throw Damaged(LeavesFileName, $"leaf {index} at offset {offset} claims {n} bytes");
        }

        var leaf = new byte[n];
        ReadExactly(_leaves, leaf, offset + 4, LeavesFileName);
        return leaf;
    }

    public void Dispose()
    {
        _hashes.Dispose();
        _leaves.Dispose();
        _lock.Dispose();
    }

    private static long HashOffset(long index) => HeaderSize + (index * HashRecordSize);

    private void ReadExactly(SafeFileHandle file, Span<byte> destination, long offset, string name)
    {
        while (!destination.IsEmpty)
        {
            var read = RandomAccess.Read(file, destination, offset);
            if (read == 0)
            {
                throw Damaged(name, $"it ends before offset {offset}");
            }

            destination = destination[read..];
            offset += read;
        }
    }

    private InvalidDataException Damaged(string file, string why) =>
        new($"Transparency log file '{Path.Combine(Directory, file)}' is damaged: {why}. Restore the log directory from a backup or a mirror.");
}
