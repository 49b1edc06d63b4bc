using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

using Whisper.Fork.Keys;

namespace Whisper.Fork.Backup;

public sealed partial class BackupKeyVault
{
    /// <summary>Reads a vault file and checks its checksum; the data keys stay wrapped until asked for.</summary>
    /// <exception cref="FileNotFoundException">No vault at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">The file is not a vault this build reads, is truncated, or fails its checksum.</exception>
    public static BackupKeyVault Open(string path, IKeyProvider keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"no backup key vault at {path}; backups sealed by it cannot be read (its keys were never here, or the vault was deleted)", path);
        }

        var bytes = File.ReadAllBytes(path);
        ReadOnlySpan<byte> span = bytes;
        if (span.Length < 25 + 4 + 32 || !span[..4].SequenceEqual(Magic))
        {
            throw new InvalidDataException($"{path} is not a Whisper backup key vault (magic WVLT)");
        }

        if (span[4] != 1)
        {
            throw new InvalidDataException($"{path} is backup key vault version {span[4]}; this build reads version 1");
        }

        Span<byte> checksum = stackalloc byte[32];
        SHA256.HashData(span[..^32], checksum);
        if (!checksum.SequenceEqual(span[^32..]))
        {
            throw new InvalidDataException($"{path} fails its SHA-256 checksum: the vault was truncated or altered");
        }

        var vaultId = new Guid(span[8..24], bigEndian: true);
        var keyIdLength = span[24];
        var masterKeyId = Encoding.ASCII.GetString(span.Slice(25, keyIdLength));
        var at = 25 + keyIdLength;
        var count = BinaryPrimitives.ReadInt32LittleEndian(span[at..]);
        at += 4;
        if (count < 0 || (long)at + ((long)count * EntrySize) + 32 != span.Length)
        {
            throw new InvalidDataException($"{path} claims {count} keys but holds {span.Length} bytes");
        }

        var entries = new SortedDictionary<BackupSubject, byte[]>();
        for (var i = 0; i < count; i++, at += EntrySize)
        {
            var subject = new BackupSubject((BackupSubjectKind)span[at], BinaryPrimitives.ReadInt64LittleEndian(span[(at + 1)..]));
            entries[subject] = span.Slice(at + 9, EntrySize - 9).ToArray();
        }

        return new BackupKeyVault(path, vaultId, masterKeyId, keys, entries);
    }
}
