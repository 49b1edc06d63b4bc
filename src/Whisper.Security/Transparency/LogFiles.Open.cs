using System.Buffers.Binary;

using Microsoft.Win32.SafeHandles;

using Whisper.Core.Integrity;

namespace Whisper.Security.Transparency;

internal sealed partial class LogFiles
{
    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>
    /// Opens (creating when absent) the log in <paramref name="directory"/>, takes its lock and repairs a torn tail:
    /// hash records at the end that do not match their leaf are dropped, whole leaves past the last hash record are
    /// indexed again, and a torn last leaf or record is cut off.
    /// </summary>
    /// <exception cref="IOException">Another process (or another open in this one) holds the log.</exception>
    /// <exception cref="InvalidDataException">A file has the wrong magic, an unknown version, or damage before its tail.</exception>
    public static LogFiles Open(string directory)
    {
        directory = Path.GetFullPath(directory);
        if (!System.IO.Directory.Exists(directory))
        {
            if (OperatingSystem.IsWindows())
            {
                System.IO.Directory.CreateDirectory(directory);
            }
            else
            {
                System.IO.Directory.CreateDirectory(directory, OwnerOnlyDirectory);
            }
        }

        var handles = new List<SafeFileHandle>(3);
        try
        {
            handles.Add(OpenLock(directory));
            handles.Add(File.OpenHandle(Path.Combine(directory, LeavesFileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read));
            handles.Add(File.OpenHandle(Path.Combine(directory, HashesFileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read));
            var files = new LogFiles(directory, handles[0], handles[1], handles[2]);
            files.Recover();
            return files;
        }
        catch
        {
            foreach (var handle in handles)
            {
                handle.Dispose();
            }

            throw;
        }
    }

    private static SafeFileHandle OpenLock(string directory)
    {
        var path = Path.Combine(directory, LockFileName);
        try
        {
            // FileShare.None takes an exclusive advisory lock (flock on Unix) that a second open, here or elsewhere, is refused.
            return File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e)
        {
            throw new IOException($"The transparency log in '{directory}' is open in another process (or twice in this one); "
                + "stop that process or use its HTTP API.", e);
        }
    }

    private void Recover()
    {
        var leavesLength = RandomAccess.GetLength(_leaves);
        var hashesLength = RandomAccess.GetLength(_hashes);
        if (leavesLength < HeaderSize)
        {
            if (hashesLength > HeaderSize)
            {
                throw Damaged(LeavesFileName, "it has no header but hashes.dat has records");
            }

            // A new log, or one whose creation was interrupted: start both files afresh.
            WriteHeaders(writeLeaves: true);
            leavesLength = hashesLength = HeaderSize;
        }
        else if (hashesLength < HeaderSize)
        {
            // The hash file is derived from the leaves: a missing one is rebuilt by the scan below.
            WriteHeaders(writeLeaves: false);
            hashesLength = HeaderSize;
        }

        CheckHeader(_leaves, LeavesMagic, LeavesFileName);
        CheckHeader(_hashes, HashesMagic, HashesFileName);

        var records = (hashesLength - HeaderSize) / HashRecordSize;
        var (valid, leafEnd) = CheckTail(records, leavesLength);
        if (hashesLength != HashOffset(valid))
        {
            RandomAccess.SetLength(_hashes, HashOffset(valid));
        }

        var (recovered, scannedEnd) = ScanLeaves(leafEnd, leavesLength, valid);
        if (scannedEnd != leavesLength)
        {
            RandomAccess.SetLength(_leaves, scannedEnd);
        }

        Recovery = new LogRecovery(
            DroppedHashRecords: records - valid,
            RecoveredLeaves: recovered,
            TruncatedLeafBytes: leavesLength - scannedEnd,
            TruncatedHashBytes: hashesLength - HashOffset(valid));
        if (Recovery.Changed)
        {
            RandomAccess.FlushToDisk(_leaves);
            RandomAccess.FlushToDisk(_hashes);
        }

        _count = valid + recovered;
        _leavesLength = scannedEnd;
    }

    private void WriteHeaders(bool writeLeaves)
    {
        Span<byte> header = stackalloc byte[HeaderSize];
        if (writeLeaves)
        {
            RandomAccess.SetLength(_leaves, 0);
            WriteHeader(header, LeavesMagic);
            RandomAccess.Write(_leaves, header, 0);
            RandomAccess.FlushToDisk(_leaves);
        }

        RandomAccess.SetLength(_hashes, 0);
        WriteHeader(header, HashesMagic);
        RandomAccess.Write(_hashes, header, 0);
        RandomAccess.FlushToDisk(_hashes);
    }

    private static void WriteHeader(Span<byte> header, ReadOnlySpan<byte> magic)
    {
        header.Clear();
        magic.CopyTo(header);
        header[4] = FormatVersion;
    }

    private void CheckHeader(SafeFileHandle file, ReadOnlySpan<byte> magic, string name)
    {
        Span<byte> header = stackalloc byte[HeaderSize];
        ReadExactly(file, header, 0, name);
        if (!header[..4].SequenceEqual(magic))
        {
            throw Damaged(name, $"it does not start with '{System.Text.Encoding.ASCII.GetString(magic)}' (not a transparency log file)");
        }

        if (header[4] != FormatVersion)
        {
            throw new InvalidDataException(
                $"Transparency log file '{Path.Combine(Directory, name)}' is format version {header[4]}; this build reads version {FormatVersion}. Use a newer whisper.");
        }
    }

    /// <summary>
    /// Cross-checks the last <see cref="SyncWindow"/> hash records with the leaves they point at: a record whose offset
    /// or hash does not match the leaf there is torn (it and all after it are dropped); a leaf that does not match its
    /// own hash is damage. Returns how many records, from the start, are good and where the last good leaf ends.
    /// </summary>
    private (long Valid, long LeafEnd) CheckTail(long records, long leavesLength)
    {
        var first = Math.Max(0, records - SyncWindow);
        long expected = HeaderSize;
        Span<byte> prefix = stackalloc byte[4];
        if (first > 0)
        {
            // The record before the window was on disk before the window was written: trust it, but it must make sense.
            Span<byte> before = stackalloc byte[HashRecordSize];
            ReadExactly(_hashes, before, HashOffset(first - 1), HashesFileName);
            var offset = BinaryPrimitives.ReadInt64BigEndian(before[MerkleTree.HashSize..]);
            if (offset < HeaderSize || offset + LeafFraming > leavesLength)
            {
                throw Damaged(HashesFileName, $"record {first - 1} points at offset {offset}, outside leaves.dat");
            }

            ReadExactly(_leaves, prefix, offset, LeavesFileName);
            var length = BinaryPrimitives.ReadUInt32BigEndian(prefix);
            expected = offset + LeafFraming + length;
            if (length is 0 or > MaxLeafBytes || expected > leavesLength)
            {
                throw Damaged(LeavesFileName, $"leaf {first - 1} at offset {offset} claims {length} bytes");
            }
        }

        var window = new byte[(records - first) * HashRecordSize];
        ReadExactly(_hashes, window, HashOffset(first), HashesFileName);
        var scanner = new LeafScanner(_leaves, expected, leavesLength);
        Span<byte> hash = stackalloc byte[MerkleTree.HashSize];
        var valid = first;
        for (var i = 0; i < window.Length; i += HashRecordSize)
        {
            var record = window.AsSpan(i, HashRecordSize);
            if (BinaryPrimitives.ReadInt64BigEndian(record[MerkleTree.HashSize..]) != scanner.Position
                || !scanner.TryRead(out var leaf, out var trailer)
                || !trailer.SequenceEqual(record[..MerkleTree.HashSize]))
            {
                // A torn write only spoils the tail: a spoiled leaf followed by records that still match their leaves
                // is damage in the middle of the log, and cutting there would silently drop acknowledged entries. (A
                // spoiled hash record over an intact leaf is harmless: the scan below re-indexes from the leaves.)
                if (!LeafIsIntact(scanner.Position, leavesLength) && LaterRecordMatchesItsLeaf(window.AsSpan(i + HashRecordSize), leavesLength))
                {
                    throw Damaged(LeavesFileName, $"leaf {valid} at offset {scanner.Position} does not match hash record {valid}, but later records match their leaves");
                }

                break;
            }

            // The leaf was fsync'd before its record was written, so a leaf that does not match its own hash here is
            // damage, not a torn write: refuse rather than cut acknowledged entries off the log.
            MerkleTree.LeafHash(leaf, hash);
            if (!hash.SequenceEqual(trailer))
            {
                throw Damaged(LeavesFileName, $"leaf {valid} at offset {scanner.Position} does not match its leaf hash");
            }

            scanner.Advance();
            valid++;
        }

        return (valid, scanner.Position);
    }

    private bool LeafIsIntact(long offset, long leavesLength)
    {
        var scanner = new LeafScanner(_leaves, offset, leavesLength);
        if (!scanner.TryRead(out var leaf, out var trailer))
        {
            return false;
        }

        Span<byte> hash = stackalloc byte[MerkleTree.HashSize];
        MerkleTree.LeafHash(leaf, hash);
        return hash.SequenceEqual(trailer);
    }

    private bool LaterRecordMatchesItsLeaf(ReadOnlySpan<byte> records, long leavesLength)
    {
        Span<byte> hash = stackalloc byte[MerkleTree.HashSize];
        for (var i = 0; i + HashRecordSize <= records.Length; i += HashRecordSize)
        {
            var record = records.Slice(i, HashRecordSize);
            var offset = BinaryPrimitives.ReadInt64BigEndian(record[MerkleTree.HashSize..]);
            if (offset < HeaderSize || offset >= leavesLength)
            {
                continue;
            }

            var scanner = new LeafScanner(_leaves, offset, leavesLength);
            if (scanner.TryRead(out var leaf, out var trailer) && trailer.SequenceEqual(record[..MerkleTree.HashSize]))
            {
                MerkleTree.LeafHash(leaf, hash);
                if (hash.SequenceEqual(trailer))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// Indexes every whole, self-consistent leaf from <paramref name="start"/> on: writes its hash record after record
    /// <paramref name="index"/> − 1, in chunks. Returns how many and where they end.
    /// </summary>
    private (long Count, long End) ScanLeaves(long start, long leavesLength, long index)
    {
        const int ChunkRecords = 4096;
        var scanner = new LeafScanner(_leaves, start, leavesLength);
        var chunk = new byte[ChunkRecords * HashRecordSize];
        var inChunk = 0;
        long count = 0;
        while (scanner.TryRead(out var leaf, out var trailer))
        {
            var record = chunk.AsSpan(inChunk * HashRecordSize, HashRecordSize);
            MerkleTree.LeafHash(leaf, record);
            if (!record[..MerkleTree.HashSize].SequenceEqual(trailer))
            {
                break;
            }

            BinaryPrimitives.WriteInt64BigEndian(record[MerkleTree.HashSize..], scanner.Position);
            scanner.Advance();
            if (++inChunk == ChunkRecords)
            {
                RandomAccess.Write(_hashes, chunk, HashOffset(index + count));
                count += inChunk;
                inChunk = 0;
            }
        }

        RandomAccess.Write(_hashes, chunk.AsSpan(0, inChunk * HashRecordSize), HashOffset(index + count));
        return (count + inChunk, scanner.Position);
    }
}
