using System.Security.Cryptography;

using Whisper.Fork.Keys;
using Whisper.Fork.Records;

namespace Whisper.Fork.Backup;

/// <summary>What became of one frame when a backup was read.</summary>
public enum BackupFrameStatus
{
    /// <summary>The subject's key is in the vault and the frame decrypted and authenticated.</summary>
    Readable,

    /// <summary>The subject has no key in the vault (destroyed by a purge): the frame cannot be decrypted.</summary>
    KeyDestroyed,
}

/// <summary>One frame as read: whose, which table, how many records, and (when <see cref="BackupFrameStatus.Readable"/>) the records' bytes.</summary>
public readonly ref struct BackupFrame(ForkTable table, BackupSubject subject, int records, BackupFrameStatus status, ReadOnlySpan<byte> plaintext)
{
    public ForkTable Table { get; } = table;

    public BackupSubject Subject { get; } = subject;

    public int Records { get; } = records;

    public BackupFrameStatus Status { get; } = status;

    /// <summary>The frame's records in <see cref="RecordCodecs"/> layout; empty unless readable.</summary>
    public ReadOnlySpan<byte> Plaintext { get; } = plaintext;
}

/// <summary>Receives each frame of a backup in file order.</summary>
public delegate void BackupFrameVisitor(in BackupFrame frame);

/// <summary>
/// Reads an origin backup frame by frame. The whole file's checksum is verified first, so a truncated or altered
/// backup is refused before any frame is reported; a frame whose key is gone is reported as
/// <see cref="BackupFrameStatus.KeyDestroyed"/>, and one whose key is present but fails authentication throws.
/// </summary>
public static class BackupReader
{
    /// <summary>Header facts of a backup, read without keys.</summary>
    public static (Guid BackupId, Guid VaultId, DateTimeOffset CreatedAt) Describe(string path)
    {
        using var stream = File.OpenRead(path);
        var header = new byte[BackupFormat.HeaderSize];
        stream.ReadExactly(header);
        var read = BackupFormat.ReadHeader(header, path);
        return (read.BackupId, read.VaultId, read.CreatedAt);
    }

    /// <summary>Each frame's table, owner and record count, without keys (checksum verified first).</summary>
    /// <exception cref="InvalidDataException">Not a backup this build reads, truncated, or its checksum fails.</exception>
    public static void ReadFrameHeaders(string path, Action<ForkTable, BackupSubject, int> visit)
    {
        ArgumentNullException.ThrowIfNull(visit);
        var bytes = File.ReadAllBytes(path);
        CheckWhole(bytes, path);
        for (var at = BackupFormat.HeaderSize; at < bytes.Length - BackupFormat.TrailerSize; at = NextFrame(bytes, at, path))
        {
            var frame = BackupFormat.ReadFrameHeader(bytes.AsSpan(at));
            visit(frame.Table, frame.Subject, frame.Records);
        }
    }

    /// <summary>Every frame, decrypted where its subject's key is still in the vault.</summary>
    /// <exception cref="InvalidDataException">Not a backup this build reads, truncated, or its checksum fails.</exception>
    /// <exception cref="CryptographicException">A frame fails authentication under its subject's key (altered).</exception>
    public static void Read(string path, IKeyProvider keys, string keyDirectory, BackupFrameVisitor visit)
    {
        ArgumentNullException.ThrowIfNull(visit);
        var bytes = File.ReadAllBytes(path);
        var header = CheckWhole(bytes, path);
        var vault = BackupKeyVault.Open(BackupKeyVault.PathFor(keyDirectory, header.VaultId), keys);
        Span<byte> key = stackalloc byte[32];
        Span<byte> aad = stackalloc byte[16 + BackupFormat.FrameAadSize];
        var plain = Array.Empty<byte>();
        try
        {
            for (var at = BackupFormat.HeaderSize; at < bytes.Length - BackupFormat.TrailerSize; at = NextFrame(bytes, at, path))
            {
                var span = bytes.AsSpan(at);
                var frame = BackupFormat.ReadFrameHeader(span);
                if (!vault.TryGetKey(frame.Subject, key))
                {
                    visit(new BackupFrame(frame.Table, frame.Subject, frame.Records, BackupFrameStatus.KeyDestroyed, default));
                    continue;
                }

                if (plain.Length < frame.CipherLength)
                {
                    plain = new byte[Math.Max(frame.CipherLength, plain.Length * 2)];
                }

                BackupFormat.WriteAad(aad, header.BackupId, span);
                using (var aes = new AesGcm(key, BackupFormat.TagSize))
                {
                    aes.Decrypt(
                        span.Slice(BackupFormat.FrameAadSize, BackupFormat.NonceSize),
                        span.Slice(BackupFormat.FrameHeaderSize, frame.CipherLength),
                        span.Slice(BackupFormat.FrameHeaderSize + frame.CipherLength, BackupFormat.TagSize),
                        plain.AsSpan(0, frame.CipherLength),
                        aad);
                }

                visit(new BackupFrame(frame.Table, frame.Subject, frame.Records, BackupFrameStatus.Readable, plain.AsSpan(0, frame.CipherLength)));
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    private static BackupFormat.Header CheckWhole(byte[] bytes, string path)
    {
        var header = BackupFormat.ReadHeader(bytes, path);
        if (bytes.Length < BackupFormat.HeaderSize + BackupFormat.TrailerSize)
        {
            throw new InvalidDataException($"{path} ends before its trailer: the backup is truncated");
        }

        Span<byte> checksum = stackalloc byte[32];
        SHA256.HashData(bytes.AsSpan(0, bytes.Length - 32), checksum);
        if (!checksum.SequenceEqual(bytes.AsSpan(bytes.Length - 32)) || bytes[^BackupFormat.TrailerSize] != 0)
        {
            throw new InvalidDataException($"{path} fails its SHA-256 checksum: the backup was truncated or altered");
        }

        return header;
    }

    private static int NextFrame(byte[] bytes, int at, string path)
    {
        var frame = BackupFormat.ReadFrameHeader(bytes.AsSpan(at));
        var next = (long)at + BackupFormat.FrameHeaderSize + frame.CipherLength + BackupFormat.TagSize;
        if (frame.CipherLength < 0 || next > bytes.Length - BackupFormat.TrailerSize)
        {
            throw new InvalidDataException($"{path}: the frame at byte {at} runs past the end of the frames");
        }

        return (int)next;
    }
}
