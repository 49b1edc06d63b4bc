using System.Security.Cryptography;
using System.Text;

using Microsoft.Extensions.Time.Testing;

using Whisper.Fork.Chunks;
using Whisper.Fork.Keys;
using Whisper.Fork.Tests.Keys;

namespace Whisper.Fork.Tests.Chunks;

public sealed class ChunkCipherTests : IDisposable
{
    private readonly InMemoryKeyProvider _keys = new();

    public void Dispose() => _keys.Dispose();

    internal static byte[] Plaintext(int size, int seed = 1)
    {
        var data = new byte[size];
        new Random(seed).NextBytes(data);
        return data;
    }

    internal static byte[] Seal(byte[] plaintext, IKeyProvider keys, out byte[] chunkId)
    {
        chunkId = SHA256.HashData(plaintext);
        var sealedChunk = new byte[ChunkCipher.SealedLength(plaintext.Length, keys.CurrentKeyId)];
        Assert.Equal(sealedChunk.Length, ChunkCipher.Seal(plaintext, chunkId, keys, sealedChunk));
        return sealedChunk;
    }

    internal static byte[] Open(byte[] sealedChunk, byte[] chunkId, IKeyProvider keys)
    {
        var plaintext = new byte[ChunkCipher.PlaintextLength(sealedChunk)];
        ChunkCipher.Open(sealedChunk, chunkId, keys, plaintext);
        return plaintext;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(1000)]
    [InlineData(64 * 1024)]
    [InlineData(4 * 1024 * 1024)]
    public void SealThenOpen_AnySize_RoundTrips(int size)
    {
        var plaintext = Plaintext(size, seed: size);
        var sealedChunk = Seal(plaintext, _keys, out var chunkId);

        Assert.Equal(ChunkCipher.FixedOverhead + _keys.CurrentKeyId.Length + size, sealedChunk.Length);
        Assert.Equal(size, ChunkCipher.PlaintextLength(sealedChunk));
        Assert.Equal(_keys.CurrentKeyId, ChunkCipher.ReadKeyId(sealedChunk));
        Assert.Equal(plaintext, Open(sealedChunk, chunkId, _keys));
    }

    [Fact]
    public void Seal_WritesDocumentedHeader()
    {
        var sealedChunk = Seal(Plaintext(10), _keys, out _);
        var keyId = Encoding.UTF8.GetBytes(_keys.CurrentKeyId);

        Assert.Equal("WCHK"u8.ToArray(), sealedChunk[..4]);
        Assert.Equal(ChunkCipher.FormatVersion, sealedChunk[4]);
        Assert.Equal(1, sealedChunk[4]);
        Assert.Equal(keyId.Length, sealedChunk[5]);
        Assert.Equal(keyId, sealedChunk[6..(6 + keyId.Length)]);
        Assert.Equal(94, ChunkCipher.FixedOverhead);
    }

    [Fact]
    public void Open_DocumentedExample_GivesHello()
    {
        // The annotated example in docs/migration-format.md ("Sealed chunk"): "hello" under key 00 01 … 1f.
        const string sealedHex =
            "5743484b01146d6b2d32303235303131342d3366613934633065f2b4f73fb9e8a28fce9280a145d6045d03838e6fb98743e72001a1"
            + "ccd890f1f51bb94711d9faa1aaa496d924720233b2a0ef47e8b0ccc1d78177b919469aad9bb7a2c1078ab183cad957a785f29c77"
            + "4906148035b175ec6164a06a25c2";
        using var keys = new InMemoryKeyProvider("mk-20250114-3fa94c0e");
        keys.Add("mk-20250114-3fa94c0e", [.. Enumerable.Range(0, 32).Select(i => (byte)i)]);
        var sealedChunk = Convert.FromHexString(sealedHex);

        Assert.Equal("mk-20250114-3fa94c0e", ChunkCipher.ReadKeyId(sealedChunk));
        Assert.Equal("hello"u8.ToArray(), Open(sealedChunk, SHA256.HashData("hello"u8), keys));
    }

    [Fact]
    public void Seal_PlaintextDoesNotAppearInOutput()
    {
        var plaintext = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("user 42 watched video 7; ", 40)));
        var sealedChunk = Seal(plaintext, _keys, out _);
        Assert.Equal(-1, sealedChunk.AsSpan().IndexOf("user 42"u8));
    }

    [Fact]
    public void Seal_SamePlaintextTwice_FreshDataKeyAndNonces()
    {
        var plaintext = Plaintext(4096);
        var first = Seal(plaintext, _keys, out var chunkId);
        var second = Seal(plaintext, _keys, out _);
        var header = 6 + _keys.CurrentKeyId.Length;

        Assert.Equal(first[..header], second[..header]);
        Assert.NotEqual(first[header..(header + 12)], second[header..(header + 12)]);                 // wrap nonce
        Assert.NotEqual(first[(header + 12)..(header + 44)], second[(header + 12)..(header + 44)]);   // wrapped key
        Assert.NotEqual(first[(header + 60)..(header + 72)], second[(header + 60)..(header + 72)]);   // payload nonce
        Assert.NotEqual(first[(header + 88)..], second[(header + 88)..]);                             // ciphertext
        Assert.Equal(Open(first, chunkId, _keys), Open(second, chunkId, _keys));
    }

    [Fact]
    public void Open_WrongChunkId_RefusedNamingThatId()
    {
        var sealedChunk = Seal(Plaintext(500), _keys, out var chunkId);
        var otherId = SHA256.HashData("another chunk"u8);

        var error = Assert.Throws<ChunkIntegrityException>(() => Open(sealedChunk, otherId, _keys));
        Assert.Equal(Convert.ToHexStringLower(otherId), error.ChunkId);
        Assert.Contains(Convert.ToHexStringLower(otherId), error.Message, StringComparison.Ordinal);
        Assert.Equal(ChunkCipherFault.KeyUnwrapFailed, error.Fault);

        chunkId[31] ^= 1;
        Assert.Throws<ChunkIntegrityException>(() => Open(sealedChunk, chunkId, _keys));
    }

    [Fact]
    public void Open_ChunkSwappedForAnother_Refused()
    {
        // Chunk B's bytes presented where the manifest expects chunk A.
        Seal(Plaintext(100, seed: 1), _keys, out var idA);
        var sealedB = Seal(Plaintext(100, seed: 2), _keys, out _);
        var error = Assert.Throws<ChunkIntegrityException>(() => Open(sealedB, idA, _keys));
        Assert.Equal(Convert.ToHexStringLower(idA), error.ChunkId);
    }

    [Fact]
    public void Open_PayloadFromAnotherChunkUnderSameWrap_Refused()
    {
        // Keep A's header and wrapped key, splice in B's payload: the data key no longer matches.
        var sealedA = Seal(Plaintext(100, seed: 1), _keys, out var idA);
        var sealedB = Seal(Plaintext(100, seed: 2), _keys, out _);
        var payloadStart = 6 + _keys.CurrentKeyId.Length + 60;
        sealedB.AsSpan(payloadStart).CopyTo(sealedA.AsSpan(payloadStart));
        var error = Assert.Throws<ChunkIntegrityException>(() => Open(sealedA, idA, _keys));
        Assert.Equal(ChunkCipherFault.PayloadAuthenticationFailed, error.Fault);
    }

    [Fact]
    public void Open_EveryTruncation_Refused()
    {
        var sealedChunk = Seal(Plaintext(40), _keys, out var chunkId);
        for (var length = 0; length < sealedChunk.Length; length++)
        {
            var error = Assert.Throws<ChunkIntegrityException>(
                () => ChunkCipher.Open(sealedChunk.AsSpan(0, length), chunkId, _keys, new byte[sealedChunk.Length]));
            Assert.Contains(Convert.ToHexStringLower(chunkId), error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Open_TrailingBytesAppended_Refused()
    {
        var sealedChunk = Seal(Plaintext(40), _keys, out var chunkId);
        var error = Assert.Throws<ChunkIntegrityException>(() => Open([.. sealedChunk, 0], chunkId, _keys));
        Assert.Equal(ChunkCipherFault.PayloadAuthenticationFailed, error.Fault);
    }

    [Fact]
    public void Open_FailedPayload_LeavesNoPlaintext()
    {
        var sealedChunk = Seal(Plaintext(256), _keys, out var chunkId);
        sealedChunk[^1] ^= 1;
        var output = new byte[256];
        Array.Fill(output, (byte)0xAA);
        Assert.Throws<ChunkIntegrityException>(() => ChunkCipher.Open(sealedChunk, chunkId, _keys, output));
        Assert.All(output, b => Assert.Equal(0, b));
    }

    [Fact]
    public void Open_UnknownKeyId_MissingKeyNamingIt()
    {
        using var otherSite = new InMemoryKeyProvider("mk-20250301-0badc0de");
        var sealedChunk = Seal(Plaintext(64), otherSite, out var chunkId);

        var error = Assert.Throws<MissingKeyException>(() => Open(sealedChunk, chunkId, _keys));
        Assert.Equal("mk-20250301-0badc0de", error.KeyId);
        Assert.Contains("mk-20250301-0badc0de", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_SameKeyIdButDifferentKey_Refused()
    {
        using var impostor = new InMemoryKeyProvider(_keys.CurrentKeyId);
        var sealedChunk = Seal(Plaintext(64), impostor, out var chunkId);
        var error = Assert.Throws<ChunkIntegrityException>(() => Open(sealedChunk, chunkId, _keys));
        Assert.Equal(ChunkCipherFault.KeyUnwrapFailed, error.Fault);
        Assert.Contains(_keys.CurrentKeyId, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_AfterRotation_OldChunksOpenAndNewChunksUseNewKey()
    {
        using var dir = new TestDirectory();
        var keys = FileKeyProvider.Create(dir.Path, new FakeTimeProvider(new DateTimeOffset(2025, 1, 14, 0, 0, 0, TimeSpan.Zero)));
        var oldId = keys.CurrentKeyId;
        var before = Seal(Plaintext(1000, seed: 1), keys, out var beforeId);

        var newId = keys.Rotate();
        var after = Seal(Plaintext(1000, seed: 2), keys, out var afterId);

        Assert.Equal(oldId, ChunkCipher.ReadKeyId(before));
        Assert.Equal(newId, ChunkCipher.ReadKeyId(after));
        Assert.Equal(Plaintext(1000, seed: 1), Open(before, beforeId, keys));
        Assert.Equal(Plaintext(1000, seed: 2), Open(after, afterId, keys));

        var reopened = FileKeyProvider.Open(dir.Path);
        Assert.Equal(Plaintext(1000, seed: 1), Open(before, beforeId, reopened));
        Assert.Equal(Plaintext(1000, seed: 2), Open(after, afterId, reopened));
    }

    [Fact]
    public void ReadKeyIdAndPlaintextLength_NotAChunk_RefusedWithoutChunkId()
    {
        var error = Assert.Throws<ChunkIntegrityException>(() => ChunkCipher.ReadKeyId("PK\u0003\u0004 a zip file"u8));
        Assert.Equal(ChunkCipherFault.BadMagic, error.Fault);
        Assert.Equal(string.Empty, error.ChunkId);
        Assert.Throws<ChunkIntegrityException>(() => ChunkCipher.PlaintextLength("WCHK"u8));
        Assert.Throws<ChunkIntegrityException>(() => ChunkCipher.PlaintextLength([]));
    }

    [Fact]
    public void Open_UnknownVersion_Refused()
    {
        var sealedChunk = Seal(Plaintext(10), _keys, out var chunkId);
        sealedChunk[4] = 2;
        var error = Assert.Throws<ChunkIntegrityException>(() => Open(sealedChunk, chunkId, _keys));
        Assert.Equal(ChunkCipherFault.UnknownVersion, error.Fault);
        Assert.Contains("version 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Seal_DestinationTooSmallOrOverlapping_Throws()
    {
        var plaintext = Plaintext(100);
        var chunkId = SHA256.HashData(plaintext);
        var length = ChunkCipher.SealedLength(100, _keys.CurrentKeyId);
        Assert.Throws<ArgumentException>(() => ChunkCipher.Seal(plaintext, chunkId, _keys, new byte[length - 1]));

        var shared = new byte[length + 100];
        Assert.Throws<ArgumentException>(() => ChunkCipher.Seal(shared.AsSpan(0, 100), chunkId, _keys, shared.AsSpan(50)));
    }

    [Fact]
    public void Open_PlaintextBufferTooSmallOrLarger_ThrowsOrFillsPrefix()
    {
        var plaintext = Plaintext(100);
        var sealedChunk = Seal(plaintext, _keys, out var chunkId);
        Assert.Throws<ArgumentException>(() => ChunkCipher.Open(sealedChunk, chunkId, _keys, new byte[99]));

        var larger = new byte[150];
        ChunkCipher.Open(sealedChunk, chunkId, _keys, larger);
        Assert.Equal(plaintext, larger[..100]);
        Assert.All(larger[100..], b => Assert.Equal(0, b));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(33)]
    public void SealAndOpen_ChunkIdNot32Bytes_Throw(int size)
    {
        var sealedChunk = Seal(Plaintext(10), _keys, out _);
        Assert.Throws<ArgumentException>(() => ChunkCipher.Seal(Plaintext(10), new byte[size], _keys, new byte[200]));
        Assert.Throws<ArgumentException>(() => ChunkCipher.Open(sealedChunk, new byte[size], _keys, new byte[10]));
    }

    [Theory]
    [InlineData("")]
    [InlineData("key\nid")]
    [InlineData("\u007f")]
    [InlineData("id\u0085")]
    public void SealedLength_KeyIdUnfitForAChunk_Throws(string keyId) =>
        Assert.ThrowsAny<ArgumentException>(() => ChunkCipher.SealedLength(10, keyId));

    [Fact]
    public void SealedLength_KeyIdWithLoneSurrogate_Throws() =>
        Assert.ThrowsAny<ArgumentException>(() => ChunkCipher.SealedLength(10, "mk-" + (char)0xD800));

    [Fact]
    public void SealedLength_LongestKeyId_Fits()
    {
        using var keys = new InMemoryKeyProvider(new string('k', ChunkCipher.MaxKeyIdBytes));
        var sealedChunk = Seal(Plaintext(10), keys, out var chunkId);
        Assert.Equal(keys.CurrentKeyId, ChunkCipher.ReadKeyId(sealedChunk));
        Assert.Equal(Plaintext(10), Open(sealedChunk, chunkId, keys));
        Assert.Throws<ArgumentException>(() => ChunkCipher.SealedLength(10, new string('k', ChunkCipher.MaxKeyIdBytes + 1)));
    }

    [Fact]
    public void SealedLength_NonAsciiKeyId_RoundTrips()
    {
        using var keys = new InMemoryKeyProvider("clé-région-é");
        var sealedChunk = Seal(Plaintext(10), keys, out var chunkId);
        Assert.Equal("clé-région-é", ChunkCipher.ReadKeyId(sealedChunk));
        Assert.Equal(Plaintext(10), Open(sealedChunk, chunkId, keys));
    }

    [Fact]
    public void SealAndOpen_64KiB_AllocateNoBuffers()
    {
        var plaintext = Plaintext(64 * 1024);
        var chunkId = SHA256.HashData(plaintext);
        var sealedChunk = new byte[ChunkCipher.SealedLength(plaintext.Length, _keys.CurrentKeyId)];
        var opened = new byte[plaintext.Length];
        ChunkCipher.Seal(plaintext, chunkId, _keys, sealedChunk);
        ChunkCipher.Open(sealedChunk, chunkId, _keys, opened);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10; i++)
        {
            ChunkCipher.Seal(plaintext, chunkId, _keys, sealedChunk);
            ChunkCipher.Open(sealedChunk, chunkId, _keys, opened);
        }

        var perRound = (GC.GetAllocatedBytesForCurrentThread() - before) / 10;

        // Four AesGcm instances (two per call) and nothing sized by the chunk.
        Assert.True(perRound < 2048, $"{perRound} bytes allocated per seal + open of 64 KiB");
        Assert.Equal(plaintext, opened);
    }
}
