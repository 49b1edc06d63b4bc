using Whisper.Fork.Chunks;
using Whisper.Fork.Keys;
using Whisper.Fork.Tests.Keys;

namespace Whisper.Fork.Tests.Chunks;

public sealed class ChunkCipherRewrapTests : IDisposable
{
    private const string OldKeyId = "mk-20250101-00000001";
    private const string NewKeyId = "mk-20250201-00000002";

    private readonly InMemoryKeyProvider _keys = new(OldKeyId);

    public void Dispose() => _keys.Dispose();

    private static int PayloadStart(string keyId) => 6 + keyId.Length + 60;

    [Fact]
    public void Rewrap_AfterRotation_NewKeyIdSamePayloadOldKeyNoLongerNeeded()
    {
        var plaintext = ChunkCipherTests.Plaintext(5000);
        var sealedChunk = ChunkCipherTests.Seal(plaintext, _keys, out var chunkId);
        _keys.Add(NewKeyId);
        _keys.CurrentKeyId = NewKeyId;

        var rewrapped = new byte[ChunkCipher.SealedLength(plaintext.Length, NewKeyId)];
        Assert.Equal(rewrapped.Length, ChunkCipher.Rewrap(sealedChunk, chunkId, _keys, rewrapped));

        Assert.Equal(NewKeyId, ChunkCipher.ReadKeyId(rewrapped));
        Assert.Equal(sealedChunk[PayloadStart(OldKeyId)..], rewrapped[PayloadStart(NewKeyId)..]);
        _keys.Remove(OldKeyId);
        Assert.Equal(plaintext, ChunkCipherTests.Open(rewrapped, chunkId, _keys));
        Assert.Throws<MissingKeyException>(() => ChunkCipherTests.Open(sealedChunk, chunkId, _keys));
    }

    [Fact]
    public void Rewrap_InPlace_SameLengthKeyIds()
    {
        var plaintext = ChunkCipherTests.Plaintext(300);
        var sealedChunk = ChunkCipherTests.Seal(plaintext, _keys, out var chunkId);
        _keys.Add(NewKeyId);
        _keys.CurrentKeyId = NewKeyId;

        Assert.Equal(sealedChunk.Length, ChunkCipher.Rewrap(sealedChunk, chunkId, _keys, sealedChunk));
        Assert.Equal(NewKeyId, ChunkCipher.ReadKeyId(sealedChunk));
        Assert.Equal(plaintext, ChunkCipherTests.Open(sealedChunk, chunkId, _keys));
    }

    [Theory]
    [InlineData("mk-short")]
    [InlineData("mk-a-much-longer-key-id-from-another-key-service-0001")]
    public void Rewrap_InPlace_KeyIdOfOtherLength_MovesPayload(string newKeyId)
    {
        var plaintext = ChunkCipherTests.Plaintext(1000);
        var sealedChunk = ChunkCipherTests.Seal(plaintext, _keys, out var chunkId);
        _keys.Add(newKeyId);
        _keys.CurrentKeyId = newKeyId;
        var buffer = new byte[sealedChunk.Length + 100];
        sealedChunk.CopyTo(buffer, 0);

        var written = ChunkCipher.Rewrap(buffer.AsSpan(0, sealedChunk.Length), chunkId, _keys, buffer);

        Assert.Equal(ChunkCipher.SealedLength(plaintext.Length, newKeyId), written);
        Assert.Equal(newKeyId, ChunkCipher.ReadKeyId(buffer.AsSpan(0, written)));
        Assert.Equal(plaintext, ChunkCipherTests.Open(buffer[..written], chunkId, _keys));
    }

    [Fact]
    public void Rewrap_FileKeyProviderAfterRotate_OpensWithNewKeyOnly()
    {
        using var dir = new TestDirectory();
        var keys = FileKeyProvider.Create(dir.Path);
        var plaintext = ChunkCipherTests.Plaintext(2048);
        var sealedChunk = ChunkCipherTests.Seal(plaintext, keys, out var chunkId);
        var oldId = keys.CurrentKeyId;
        var newId = keys.Rotate();

        ChunkCipher.Rewrap(sealedChunk, chunkId, keys, sealedChunk);

        Assert.Equal(newId, ChunkCipher.ReadKeyId(sealedChunk));
        File.Delete(dir.File(FileKeyProvider.MasterKeyFileName(oldId)));
        Assert.Equal(plaintext, ChunkCipherTests.Open(sealedChunk, chunkId, FileKeyProvider.Open(dir.Path)));
    }

    [Fact]
    public void Rewrap_WrongChunkId_RefusedAndDestinationUntouched()
    {
        var sealedChunk = ChunkCipherTests.Seal(ChunkCipherTests.Plaintext(100), _keys, out var chunkId);
        _keys.Add(NewKeyId);
        _keys.CurrentKeyId = NewKeyId;
        var original = (byte[])sealedChunk.Clone();
        chunkId[0] ^= 1;

        var error = Assert.Throws<ChunkIntegrityException>(() => ChunkCipher.Rewrap(sealedChunk, chunkId, _keys, sealedChunk));
        Assert.Equal(ChunkCipherFault.KeyUnwrapFailed, error.Fault);
        Assert.Equal(original, sealedChunk);
    }

    [Fact]
    public void Rewrap_OldKeyMissing_MissingKeyAndDestinationUntouched()
    {
        var sealedChunk = ChunkCipherTests.Seal(ChunkCipherTests.Plaintext(100), _keys, out var chunkId);
        _keys.Add(NewKeyId);
        _keys.CurrentKeyId = NewKeyId;
        _keys.Remove(OldKeyId);
        var original = (byte[])sealedChunk.Clone();

        var error = Assert.Throws<MissingKeyException>(() => ChunkCipher.Rewrap(sealedChunk, chunkId, _keys, sealedChunk));
        Assert.Equal(OldKeyId, error.KeyId);
        Assert.Equal(original, sealedChunk);
    }

    [Fact]
    public void Rewrap_DamagedPayload_StillRefusedByOpen()
    {
        var sealedChunk = ChunkCipherTests.Seal(ChunkCipherTests.Plaintext(100), _keys, out var chunkId);
        sealedChunk[^1] ^= 0x10;
        _keys.Add(NewKeyId);
        _keys.CurrentKeyId = NewKeyId;

        ChunkCipher.Rewrap(sealedChunk, chunkId, _keys, sealedChunk);

        var error = Assert.Throws<ChunkIntegrityException>(() => ChunkCipherTests.Open(sealedChunk, chunkId, _keys));
        Assert.Equal(ChunkCipherFault.PayloadAuthenticationFailed, error.Fault);
    }

    [Fact]
    public void Rewrap_DestinationTooSmall_Throws()
    {
        var sealedChunk = ChunkCipherTests.Seal(ChunkCipherTests.Plaintext(100), _keys, out var chunkId);
        _keys.Add("mk-longer-than-before-0000000001");
        _keys.CurrentKeyId = "mk-longer-than-before-0000000001";
        Assert.Throws<ArgumentException>(() => ChunkCipher.Rewrap(sealedChunk, chunkId, _keys, sealedChunk));
    }
}
