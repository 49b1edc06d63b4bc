using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Whisper.Fork.Keys;

/// <summary>
/// The bytes of one <c>master-&lt;id&gt;.key</c> file, version 1 (see docs/migration-format.md, "Key files"):
/// magic <c>WMKY</c>, version, id length, id (ASCII), the 32-byte key, SHA-256 of everything before it.
/// </summary>
internal static class MasterKeyFile
{
    public const int KeySize = 32;
    public const byte Version = 1;

    private const int HeaderSize = 6;
    private const int ChecksumSize = 32;
    private static ReadOnlySpan<byte> Magic => "WMKY"u8;

    public static int Length(string keyId) => HeaderSize + keyId.Length + KeySize + ChecksumSize;

    /// <summary>Writes the file's bytes for <paramref name="keyId"/> (already validated) into <paramref name="destination"/>.</summary>
    public static int Encode(string keyId, ReadOnlySpan<byte> key, Span<byte> destination)
    {
        var length = Length(keyId);
        Magic.CopyTo(destination);
        destination[4] = Version;
        destination[5] = (byte)keyId.Length;
        Encoding.ASCII.GetBytes(keyId, destination.Slice(HeaderSize, keyId.Length));
        key.CopyTo(destination.Slice(HeaderSize + keyId.Length, KeySize));
        var body = destination[..(length - ChecksumSize)];
        SHA256.HashData(body, destination.Slice(body.Length, ChecksumSize));
        return length;
    }

    /// <summary>
    /// Checks <paramref name="content"/> is a version-1 key file for <paramref name="expectedKeyId"/> and copies the
    /// key out. Returns null on success, else what is wrong (never any key bytes).
    /// </summary>
    public static string? TryDecode(ReadOnlySpan<byte> content, string expectedKeyId, Span<byte> key)
    {
        if (content.Length < HeaderSize || !content[..4].SequenceEqual(Magic))
        {
            return "it does not start with the key-file magic 'WMKY'";
        }

        if (content[4] != Version)
        {
            return $"key-file version {content[4]} is not supported (this build reads version {Version})";
        }

        var idLength = content[5];
        if (content.Length != HeaderSize + idLength + KeySize + ChecksumSize)
        {
            return $"it is {content.Length} bytes; a key file for a {idLength}-character id is {HeaderSize + idLength + KeySize + ChecksumSize}";
        }

        var body = content[..(content.Length - ChecksumSize)];
        Span<byte> checksum = stackalloc byte[ChecksumSize];
        SHA256.HashData(body, checksum);
        if (!CryptographicOperations.FixedTimeEquals(checksum, content[body.Length..]))
        {
            return "its checksum does not match (the file is damaged)";
        }

        var idBytes = content.Slice(HeaderSize, idLength);
        var expected = Encoding.ASCII.GetByteCount(expectedKeyId) == idLength ? expectedKeyId : null;
        if (expected is null || !Ascii.Equals(idBytes, expected))
        {
            return "it holds a different key id than its file name (files must keep the name they were created with)";
        }

        content.Slice(HeaderSize + idLength, KeySize).CopyTo(key);
        return null;
    }
}
