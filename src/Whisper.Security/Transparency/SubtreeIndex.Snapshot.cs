using System.Buffers.Binary;
using System.Security.Cryptography;

using Whisper.Core.Integrity;

namespace Whisper.Security.Transparency;

internal sealed partial class SubtreeIndex
{
    /// <summary>File name of the snapshot in a log directory.</summary>
    public const string SnapshotFileName = "subtrees.dat";

    private const byte SnapshotVersion = 1;
    private const int SnapshotHeaderSize = 48;

    private static ReadOnlySpan<byte> SnapshotMagic => "WTLC"u8;

    /// <summary>Leaves the writer has appended (published or not).</summary>
    public long Appended => _appended;

    /// <summary>
    /// Writes the cached levels for the published size to <paramref name="path"/>: header (magic, version, leaf count,
    /// last leaf hash), the columns of levels 4, 5, … in order, SHA-256 of everything before it. Written to a
    /// temporary file, flushed and renamed, so the file on disk is always a whole snapshot. Writer only.
    /// </summary>
    public void SaveSnapshot(string path)
    {
        var size = Size;
        var temporary = path + ".tmp";
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1 << 20))
        using (var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
        {
            Span<byte> header = stackalloc byte[SnapshotHeaderSize];
            header.Clear();
            SnapshotMagic.CopyTo(header);
            header[4] = SnapshotVersion;
            BinaryPrimitives.WriteInt64BigEndian(header[8..], size);
            if (size > 0)
            {
                _leaves.ReadLeafHashes(size - 1, 1, header[16..]);
            }

            Write(file, sha, header);
            for (var level = BaseLevel; (size >> level) > 0; level++)
            {
                var column = _levels[level - BaseLevel]!;
                for (long i = 0; i < (size >> level); i++)
                {
                    Write(file, sha, column.Get(i));
                }
            }

            Span<byte> checksum = stackalloc byte[MerkleTree.HashSize];
            sha.GetHashAndReset(checksum);
            file.Write(checksum);
            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>
    /// An index holding the leaves the snapshot at <paramref name="path"/> covers, or null (and why) when there is none,
    /// it is damaged, from another version, covers more than the <paramref name="maxSize"/> leaves the log holds, or
    /// does not match the leaves in <paramref name="leaves"/>. The caller appends the leaves after <see cref="Appended"/>.
    /// </summary>
    public static SubtreeIndex? TryLoadSnapshot(string path, ILeafHashSource leaves, long maxSize, out string? problem)
    {
        problem = null;
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 20);
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            Span<byte> header = stackalloc byte[SnapshotHeaderSize];
            file.ReadExactly(header);
            sha.AppendData(header);
            var stored = BinaryPrimitives.ReadInt64BigEndian(header[8..]);
            if (!header[..4].SequenceEqual(SnapshotMagic) || header[4] != SnapshotVersion)
            {
                problem = "it is not a version-1 snapshot";
                return null;
            }

            if (stored < 0 || stored > maxSize)
            {
                // Published sizes are durable, so this is a snapshot of another log or of files restored from an older backup.
                problem = $"it covers {stored} leaves and the log holds {maxSize}";
                return null;
            }

            if (file.Length != SnapshotHeaderSize + (SnapshotHashes(stored) * MerkleTree.HashSize) + MerkleTree.HashSize)
            {
                problem = "its length does not match its leaf count";
                return null;
            }

            var index = new SubtreeIndex(leaves);
            Span<byte> hash = stackalloc byte[MerkleTree.HashSize];
            for (var level = BaseLevel; (stored >> level) > 0; level++)
            {
                var column = index._levels[level - BaseLevel] = new HashColumn();
                for (long i = 0; i < (stored >> level); i++)
                {
                    file.ReadExactly(hash);
                    sha.AppendData(hash);
                    column.Append(hash);
                }
            }

            Span<byte> checksum = stackalloc byte[MerkleTree.HashSize];
            file.ReadExactly(checksum);
            sha.GetHashAndReset(hash);
            if (!hash.SequenceEqual(checksum))
            {
                problem = "its checksum does not match";
                return null;
            }

            if (stored > 0)
            {
                leaves.ReadLeafHashes(stored - 1, 1, hash);
                if (!hash.SequenceEqual(header.Slice(16, MerkleTree.HashSize)))
                {
                    problem = "it was taken of another log (its last leaf hash differs)";
                    return null;
                }
            }

            index.RestoreFrontier(stored);
            if (!index.LastBlockMatchesLeaves())
            {
                problem = "its last 16-leaf subtree does not match the leaves";
                return null;
            }

            return index;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problem = e.Message;
            return null;
        }
    }

    /// <summary>Hashes a snapshot of <paramref name="size"/> leaves holds: Σ size >> h for h ≥ 4.</summary>
    private static long SnapshotHashes(long size)
    {
        long total = 0;
        for (var level = BaseLevel; (size >> level) > 0; level++)
        {
            total += size >> level;
        }

        return total;
    }

    private static void Write(FileStream file, IncrementalHash sha, ReadOnlySpan<byte> bytes)
    {
        file.Write(bytes);
        sha.AppendData(bytes);
    }

    /// <summary>After the columns are loaded for <paramref name="size"/> leaves: the partial block and the counters.</summary>
    private void RestoreFrontier(long size)
    {
        _pendingCount = (int)(size % BlockLeaves);
        if (_pendingCount > 0)
        {
            _leaves.ReadLeafHashes(size - _pendingCount, _pendingCount, _pending.AsSpan(0, _pendingCount * HashSize));
        }

        _appended = size;
    }

    /// <summary>Recomputes the last complete 16-leaf subtree from level 0 and compares it with the cached one.</summary>
    private bool LastBlockMatchesLeaves()
    {
        var blocks = _appended >> BaseLevel;
        if (blocks == 0)
        {
            return true;
        }

        Span<byte> hashes = stackalloc byte[BlockLeaves * HashSize];
        _leaves.ReadLeafHashes((blocks - 1) << BaseLevel, BlockLeaves, hashes);
        Span<byte> root = stackalloc byte[HashSize];
        PerfectRoot(hashes, BlockLeaves, root);
        return root.SequenceEqual(_levels[0]!.Get(blocks - 1));
    }
}
