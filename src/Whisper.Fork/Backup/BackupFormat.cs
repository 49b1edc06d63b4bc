using System.Buffers.Binary;

using Whisper.Fork.Records;

namespace Whisper.Fork.Backup;

/// <summary>
/// The byte layout of an origin backup file (<c>*.wbk</c>; docs/purge.md, "Backup format"), shared by writer and
/// reader. All integers little-endian.
/// </summary>
internal static class BackupFormat
{
    public const string FileExtension = ".wbk";
    public const byte Version = 1;

    /// <summary>magic (4) version (1) reserved (3) backup id (16) vault id (16) created ms (8) event head (8) change head (8).</summary>
    public const int HeaderSize = 64;

    /// <summary>table (1) subject kind (1) reserved (2) subject id (8) records (4) ciphertext length (4) nonce (12).</summary>
    public const int FrameHeaderSize = 32;

    /// <summary>The part of a frame header bound into the AEAD (everything before the nonce).</summary>
    public const int FrameAadSize = 20;

    public const int NonceSize = 12;
    public const int TagSize = 16;

    /// <summary>end marker 0 (1) reserved (7) frame count (8), then SHA-256 (32) of every byte before it, from the header on.</summary>
    public const int TrailerSize = 48;

    public static ReadOnlySpan<byte> Magic => "WBKP"u8;

    public readonly record struct Header(Guid BackupId, Guid VaultId, DateTimeOffset CreatedAt, long EventHead, long ChangeHead);

    public readonly record struct FrameHeader(ForkTable Table, BackupSubject Subject, int Records, int CipherLength);

    public static void WriteHeader(Span<byte> destination, Header header)
    {
        destination[..HeaderSize].Clear();
        Magic.CopyTo(destination);
        destination[4] = Version;
        header.BackupId.TryWriteBytes(destination[8..], bigEndian: true, out _);
        header.VaultId.TryWriteBytes(destination[24..], bigEndian: true, out _);
        BinaryPrimitives.WriteInt64LittleEndian(destination[40..], header.CreatedAt.ToUnixTimeMilliseconds());
        BinaryPrimitives.WriteInt64LittleEndian(destination[48..], header.EventHead);
        BinaryPrimitives.WriteInt64LittleEndian(destination[56..], header.ChangeHead);
    }

    public static Header ReadHeader(ReadOnlySpan<byte> source, string path)
    {
        if (source.Length < HeaderSize || !source[..4].SequenceEqual(Magic))
        {
            throw new InvalidDataException($"{path} is not a Whisper origin backup (magic WBKP)");
        }

        if (source[4] != Version)
        {
            throw new InvalidDataException($"{path} is backup format version {source[4]}; this build reads version {Version}");
        }

        return new Header(
            new Guid(source[8..24], bigEndian: true),
            new Guid(source[24..40], bigEndian: true),
            DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64LittleEndian(source[40..])),
            BinaryPrimitives.ReadInt64LittleEndian(source[48..]),
            BinaryPrimitives.ReadInt64LittleEndian(source[56..]));
    }

    public static void WriteFrameHeader(Span<byte> destination, FrameHeader frame)
    {
        destination[..FrameAadSize].Clear();
        destination[0] = (byte)frame.Table;
        destination[1] = (byte)frame.Subject.Kind;
        BinaryPrimitives.WriteInt64LittleEndian(destination[4..], frame.Subject.Id);
        BinaryPrimitives.WriteInt32LittleEndian(destination[12..], frame.Records);
        BinaryPrimitives.WriteInt32LittleEndian(destination[16..], frame.CipherLength);
    }

    public static FrameHeader ReadFrameHeader(ReadOnlySpan<byte> source) => new(
        (ForkTable)source[0],
        new BackupSubject((BackupSubjectKind)source[1], BinaryPrimitives.ReadInt64LittleEndian(source[4..])),
        BinaryPrimitives.ReadInt32LittleEndian(source[12..]),
        BinaryPrimitives.ReadInt32LittleEndian(source[16..]));

    /// <summary>AAD of a frame: the backup id, then the frame header's first <see cref="FrameAadSize"/> bytes.</summary>
    public static void WriteAad(Span<byte> destination, Guid backupId, ReadOnlySpan<byte> frameHeader)
    {
        backupId.TryWriteBytes(destination, bigEndian: true, out _);
        frameHeader[..FrameAadSize].CopyTo(destination[16..]);
    }
}
