using System.Buffers.Binary;
using System.Security.Cryptography;

using K4os.Compression.LZ4;

using Whisper.Fork.Keys;

namespace Whisper.Fork.Chunks;

/// <summary>
/// Reads a stored chunk back and proves it is the one the manifest names: the sealed file's SHA-256, the GCM tags
/// (which bind the chunk id), and the SHA-256 of the decompressed raw bytes must all match, or
/// <see cref="ChunkIntegrityException"/> names the chunk.
/// </summary>
public sealed class ChunkOpener(IKeyProvider keys, IChunkStore store)
{
    /// <summary>Checks the sealed file against the manifest's hash without decrypting (no key needed).</summary>
    public void CheckStored(SealedChunk expected)
    {
        var stored = store.Read(expected.Id);
        CheckStoredHash(expected, stored);
    }

    /// <summary>Reads, verifies and decrypts one chunk; returns its raw bytes.</summary>
    public byte[] Open(SealedChunk expected)
    {
        var stored = store.Read(expected.Id);
        CheckStoredHash(expected, stored);
        var id = Convert.FromHexString(expected.Id);
        var payload = new byte[ChunkCipher.PlaintextLength(stored)];
        ChunkCipher.Open(stored, id, keys, payload);
        var raw = Decompress(expected.Id, payload);
        if (!SHA256.HashData(raw).AsSpan().SequenceEqual(id))
        {
            throw new ChunkIntegrityException(expected.Id, ChunkCipherFault.ContentMismatch, "decrypted content does not hash to its id");
        }

        return raw;
    }

    private static void CheckStoredHash(SealedChunk expected, byte[] stored)
    {
        if (stored.Length != expected.StoredBytes
            || !string.Equals(Convert.ToHexStringLower(SHA256.HashData(stored)), expected.StoredSha256, StringComparison.Ordinal))
        {
            throw new ChunkIntegrityException(expected.Id, ChunkCipherFault.StoredHashMismatch, $"stored bytes do not match the manifest's hash (length {stored.Length}, manifest says {expected.StoredBytes}); the file was altered or damaged");
        }
    }

    private static byte[] Decompress(string chunkId, byte[] payload)
    {
        if (payload.Length < ChunkSealer.PayloadHeaderLength)
        {
            throw new ChunkIntegrityException(chunkId, ChunkCipherFault.ContentMismatch, "payload shorter than its header");
        }

        var rawLength = BinaryPrimitives.ReadInt32LittleEndian(payload.AsSpan(1));
        var body = payload.AsSpan(ChunkSealer.PayloadHeaderLength);
        switch ((ChunkCompression)payload[0])
        {
            case ChunkCompression.None when body.Length == rawLength:
                return body.ToArray();
            case ChunkCompression.Lz4 when rawLength >= 0:
                var raw = new byte[rawLength];
                if (LZ4Codec.Decode(body, raw) == rawLength)
                {
                    return raw;
                }

                break;
        }

        throw new ChunkIntegrityException(chunkId, ChunkCipherFault.ContentMismatch, $"payload cannot be decompressed (compression {payload[0]}, raw length {rawLength})");
    }
}
