using Whisper.Fork.Chunks;
using Whisper.Fork.Keys;
using Whisper.Fork.Tests.Keys;

namespace Whisper.Fork.Tests.Chunks;

/// <summary>Every bit of a sealed chunk matters: a flip anywhere is refused, and refused for the right reason.</summary>
public sealed class ChunkCipherTamperTests : IDisposable
{
    private readonly InMemoryKeyProvider _keys = new();

    public void Dispose() => _keys.Dispose();

    [Theory]
    [InlineData(0)]
    [InlineData(37)]
    public void Open_AnyFlippedBit_RefusedForTheFieldItLandsIn(int plaintextSize)
    {
        var sealedChunk = ChunkCipherTests.Seal(ChunkCipherTests.Plaintext(plaintextSize), _keys, out var chunkId);
        for (var bit = 0; bit < sealedChunk.Length * 8; bit++)
        {
            sealedChunk[bit / 8] ^= (byte)(1 << (bit % 8));
            AssertRefused(sealedChunk, chunkId, bit / 8);
            sealedChunk[bit / 8] ^= (byte)(1 << (bit % 8));
        }

        Assert.Equal(ChunkCipherTests.Plaintext(plaintextSize), ChunkCipherTests.Open(sealedChunk, chunkId, _keys));
    }

    [Fact]
    public void Open_FlippedBitsAcross4MiB_Refused()
    {
        var sealedChunk = ChunkCipherTests.Seal(ChunkCipherTests.Plaintext(4 * 1024 * 1024), _keys, out var chunkId);
        var random = new Random(7);
        int[] fixedPositions = [0, 4, 5, 6, 30, 60, 100, 120, sealedChunk.Length / 2, sealedChunk.Length - 1];
        foreach (var position in fixedPositions.Concat(Enumerable.Range(0, 40).Select(_ => random.Next(sealedChunk.Length))))
        {
            var mask = (byte)(1 << random.Next(8));
            sealedChunk[position] ^= mask;
            AssertRefused(sealedChunk, chunkId, position);
            sealedChunk[position] ^= mask;
        }
    }

    /// <summary>
    /// Layout (k = key id bytes): [0,4) magic, 4 version, 5 key id length, [6,6+k) key id, [6+k,66+k) wrapped data
    /// key, [66+k,…) payload nonce, tag and ciphertext.
    /// </summary>
    private void AssertRefused(byte[] sealedChunk, byte[] chunkId, int position)
    {
        var k = _keys.CurrentKeyId.Length;
        var output = new byte[sealedChunk.Length];
        Exception? error = null;
        try
        {
            ChunkCipher.Open(sealedChunk, chunkId, _keys, output);
        }
        catch (Exception e) when (e is ChunkIntegrityException or MissingKeyException)
        {
            error = e;
        }

        Assert.True(error is not null, $"a flip at byte {position} of {sealedChunk.Length} opened without complaint");
        if (error is MissingKeyException missing)
        {
            // Only a changed key id (or its length) can name a key that does not exist.
            Assert.InRange(position, 5, 5 + k);
            Assert.NotEqual(_keys.CurrentKeyId, missing.KeyId);
            return;
        }

        var refused = (ChunkIntegrityException)error;
        Assert.Equal(Convert.ToHexStringLower(chunkId), refused.ChunkId);
        Assert.Contains(refused.ChunkId, refused.Message, StringComparison.Ordinal);
        var expected = position switch
        {
            < 4 => [ChunkCipherFault.BadMagic],
            4 => [ChunkCipherFault.UnknownVersion],
            5 => [ChunkCipherFault.Truncated, ChunkCipherFault.BadKeyId, ChunkCipherFault.KeyUnwrapFailed],
            _ when position < 6 + k => [ChunkCipherFault.BadKeyId],
            _ when position < 66 + k => [ChunkCipherFault.KeyUnwrapFailed],
            _ => new[] { ChunkCipherFault.PayloadAuthenticationFailed },
        };
        Assert.Contains(refused.Fault, expected);
    }
}
