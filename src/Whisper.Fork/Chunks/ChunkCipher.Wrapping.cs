using System.Security.Cryptography;

using Whisper.Fork.Keys;

namespace Whisper.Fork.Chunks;

public static partial class ChunkCipher
{
    /// <summary>
    /// Re-wraps a sealed chunk's data key under <paramref name="keys"/>' current master key after a rotation,
    /// without decrypting or re-encrypting the payload: only the key id and the wrapped key change (the payload
    /// nonce, tag and ciphertext are copied as they are).
    /// </summary>
    /// <param name="sealedChunk">The chunk as sealed; its master key must still be in <paramref name="keys"/>.</param>
    /// <param name="chunkId">The 32-byte id it was sealed under.</param>
    /// <param name="destination">
    /// At least <c>SealedLength(PlaintextLength(sealedChunk), keys.CurrentKeyId)</c> bytes. It may be the same
    /// memory as <paramref name="sealedChunk"/> (re-wrap in place; with same-length key ids, such as two generated
    /// ones, the length does not change). Nothing is written unless the old wrap authenticates.
    /// </param>
    /// <returns>Bytes written.</returns>
    /// <remarks>
    /// The wrapped key is authenticated (it is bound to the chunk id and header), the payload is not: a damaged
    /// payload stays damaged and <see cref="Open"/> still refuses it.
    /// </remarks>
    /// <exception cref="ChunkIntegrityException">The header is unreadable or the wrapped key fails authentication.</exception>
    /// <exception cref="MissingKeyException">The chunk's old master key or the current one is not in <paramref name="keys"/>.</exception>
    public static int Rewrap(ReadOnlySpan<byte> sealedChunk, ReadOnlySpan<byte> chunkId, IKeyProvider keys, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(keys);
        RequireChunkId(chunkId);
        var oldLayout = ParseOrThrow(sealedChunk, chunkId);
        var payloadLength = sealedChunk.Length - oldLayout.Ciphertext;
        var keyId = keys.CurrentKeyId;
        var length = SealedLength(payloadLength, keyId);
        if (destination.Length < length)
        {
            throw new ArgumentException($"The destination has {destination.Length} bytes; the re-wrapped chunk needs {length}.", nameof(destination));
        }

        Span<byte> dataKey = stackalloc byte[DataKeySize];
        Span<byte> masterKey = stackalloc byte[MasterKeySize];
        Span<byte> payloadNonceAndTag = stackalloc byte[NonceSize + TagSize];
        try
        {
            // Everything that can fail happens before the first write, so a refused chunk is left untouched.
            UnwrapDataKey(sealedChunk, oldLayout, chunkId, keys, dataKey);
            keys.CopyMasterKey(keyId, masterKey);
            sealedChunk.Slice(oldLayout.PayloadNonce, NonceSize + TagSize).CopyTo(payloadNonceAndTag);

            // The ciphertext moves first (CopyTo is a memmove, so overlap is fine); the old header was read above.
            var output = destination[..length];
            var newLayout = new Layout(KeyIdByteCount(keyId));
            sealedChunk[oldLayout.Ciphertext..].CopyTo(output[newLayout.Ciphertext..]);
            WritePrefix(output, keyId);
            payloadNonceAndTag.CopyTo(output[newLayout.PayloadNonce..]);
            WrapDataKey(output, newLayout, chunkId, masterKey, dataKey);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
            CryptographicOperations.ZeroMemory(masterKey);
        }

        return length;
    }

    /// <summary>Encrypts <paramref name="dataKey"/> under <paramref name="masterKey"/> into the chunk's wrap fields (prefix already written).</summary>
    private static void WrapDataKey(
        Span<byte> sealedChunk, Layout layout, ReadOnlySpan<byte> chunkId, ReadOnlySpan<byte> masterKey, ReadOnlySpan<byte> dataKey)
    {
        var nonce = sealedChunk.Slice(layout.WrapNonce, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        Span<byte> associatedData = stackalloc byte[PrefixSize + MaxKeyIdBytes + ChunkIdSize];
        var associated = WrapAssociatedData(sealedChunk, layout, chunkId, associatedData);
        using var aes = new AesGcm(masterKey, TagSize);
        aes.Encrypt(
            nonce,
            dataKey,
            sealedChunk.Slice(layout.WrappedKey, DataKeySize),
            sealedChunk.Slice(layout.WrapTag, TagSize),
            associated);
    }

    /// <summary>Decrypts the chunk's data key into <paramref name="dataKey"/>, or throws naming the chunk.</summary>
    private static void UnwrapDataKey(
        ReadOnlySpan<byte> sealedChunk, Layout layout, ReadOnlySpan<byte> chunkId, IKeyProvider keys, Span<byte> dataKey)
    {
        var keyId = ResolveKeyId(sealedChunk, layout, keys);
        Span<byte> masterKey = stackalloc byte[MasterKeySize];
        try
        {
            keys.CopyMasterKey(keyId, masterKey);
            Span<byte> associatedData = stackalloc byte[PrefixSize + MaxKeyIdBytes + ChunkIdSize];
            var associated = WrapAssociatedData(sealedChunk, layout, chunkId, associatedData);
            using var aes = new AesGcm(masterKey, TagSize);
            aes.Decrypt(
                sealedChunk.Slice(layout.WrapNonce, NonceSize),
                sealedChunk.Slice(layout.WrappedKey, DataKeySize),
                sealedChunk.Slice(layout.WrapTag, TagSize),
                dataKey,
                associated);
        }
        catch (CryptographicException error)
        {
            CryptographicOperations.ZeroMemory(dataKey);
            throw Refuse(
                chunkId,
                ChunkCipherFault.KeyUnwrapFailed,
                $"its data key, wrapped under master key '{keyId}', failed authentication (tampered header, not the chunk with this id, or a different key under that id)",
                error);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(masterKey);
        }
    }

    /// <summary>magic || version || key id length || key id || chunk id: the wrap is bound to its header and its chunk.</summary>
    private static ReadOnlySpan<byte> WrapAssociatedData(
        ReadOnlySpan<byte> sealedChunk, Layout layout, ReadOnlySpan<byte> chunkId, Span<byte> destination)
    {
        var header = sealedChunk[..layout.WrapNonce];
        header.CopyTo(destination);
        chunkId.CopyTo(destination[header.Length..]);
        return destination[..(header.Length + ChunkIdSize)];
    }
}
