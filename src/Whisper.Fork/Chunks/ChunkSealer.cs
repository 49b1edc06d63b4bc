using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;

using K4os.Compression.LZ4;

using Whisper.Fork.Keys;

namespace Whisper.Fork.Chunks;

/// <summary>
/// Turns raw chunks into sealed, stored chunks: hash → compress → envelope-encrypt (<see cref="ChunkCipher"/>) → store.
/// The sealed payload is <c>compression (1) | raw length (int32 LE) | compressed bytes</c>. Safe to use from several
/// threads at once; each call rents its own buffers.
/// </summary>
public sealed class ChunkSealer(IKeyProvider keys, IChunkStore store, ChunkCompression compression = ChunkCompression.Lz4)
{
    internal const int PayloadHeaderLength = 5;

    public SealedChunk Seal(ReadOnlySpan<byte> raw)
    {
        Span<byte> id = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(raw, id);
        var chunkId = Convert.ToHexStringLower(id);
        if (store.Contains(chunkId))
        {
            // Same content already stored (a resumed export, or equal data): describe the existing chunk instead.
            return Describe(chunkId, raw.Length, store.Read(chunkId));
        }

        var payload = ArrayPool<byte>.Shared.Rent(PayloadHeaderLength + LZ4Codec.MaximumOutputSize(raw.Length));
        byte[]? sealedBuffer = null;
        try
        {
            var payloadLength = Compress(raw, payload);
            var keyId = keys.CurrentKeyId;
            sealedBuffer = ArrayPool<byte>.Shared.Rent(ChunkCipher.SealedLength(payloadLength, keyId));
            var sealedLength = ChunkCipher.Seal(payload.AsSpan(0, payloadLength), id, keys, sealedBuffer);
            var sealedSpan = sealedBuffer.AsSpan(0, sealedLength);
            store.Write(chunkId, sealedSpan);
            return new SealedChunk(chunkId, raw.Length, sealedLength, Convert.ToHexStringLower(SHA256.HashData(sealedSpan)), keyId);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(payload);
            if (sealedBuffer is not null)
            {
                ArrayPool<byte>.Shared.Return(sealedBuffer);
            }
        }
    }

    private static SealedChunk Describe(string chunkId, int rawLength, byte[] sealedChunk) =>
        new(chunkId, rawLength, sealedChunk.Length, Convert.ToHexStringLower(SHA256.HashData(sealedChunk)), ChunkCipher.ReadKeyId(sealedChunk));

    private int Compress(ReadOnlySpan<byte> raw, byte[] payload)
    {
        BinaryPrimitives.WriteInt32LittleEndian(payload.AsSpan(1), raw.Length);
        if (compression == ChunkCompression.Lz4)
        {
            var compressed = LZ4Codec.Encode(raw, payload.AsSpan(PayloadHeaderLength), LZ4Level.L00_FAST);
            if (compressed > 0 && compressed < raw.Length)
            {
                payload[0] = (byte)ChunkCompression.Lz4;
                return PayloadHeaderLength + compressed;
            }
        }

        // Incompressible data (or compression off) is stored as is.
        payload[0] = (byte)ChunkCompression.None;
        raw.CopyTo(payload.AsSpan(PayloadHeaderLength));
        return PayloadHeaderLength + raw.Length;
    }
}
