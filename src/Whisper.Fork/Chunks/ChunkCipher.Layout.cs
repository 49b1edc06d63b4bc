using System.Text;
using System.Text.Unicode;

using Whisper.Fork.Keys;

namespace Whisper.Fork.Chunks;

public static partial class ChunkCipher
{
    // Throws on lone surrogates instead of writing U+FFFD, so a key id always round-trips exactly.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static int HeaderLength(int keyIdBytes) => FixedOverhead + keyIdBytes;

    /// <summary>UTF-8 bytes of a key id a chunk can carry: 1..255 bytes, well-formed, no control characters.</summary>
    private static int KeyIdByteCount(string keyId)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        int count;
        try
        {
            count = StrictUtf8.GetByteCount(keyId);
        }
        catch (EncoderFallbackException error)
        {
            throw new ArgumentException("The key id is not well-formed Unicode.", nameof(keyId), error);
        }

        if (count is 0 or > MaxKeyIdBytes || HasControlCharacter(keyId))
        {
            throw new ArgumentException($"A key id is 1 to {MaxKeyIdBytes} UTF-8 bytes without control characters.", nameof(keyId));
        }

        return count;
    }

    private static bool HasControlCharacter(string keyId)
    {
        foreach (var rune in keyId.EnumerateRunes())
        {
            if (Rune.IsControl(rune))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Writes magic, version, key id length and key id; returns where everything else goes.</summary>
    private static Layout WritePrefix(Span<byte> sealedChunk, string keyId)
    {
        Magic.CopyTo(sealedChunk);
        sealedChunk[4] = FormatVersion;
        var keyIdBytes = StrictUtf8.GetBytes(keyId, sealedChunk[PrefixSize..]);
        sealedChunk[5] = (byte)keyIdBytes;
        return new Layout(keyIdBytes);
    }

    /// <summary>Reads the header; every failure is a <see cref="ChunkIntegrityException"/> naming <paramref name="chunkId"/>.</summary>
    private static Layout ParseOrThrow(ReadOnlySpan<byte> sealedChunk, ReadOnlySpan<byte> chunkId)
    {
        var (fault, reason) = sealedChunk.Length switch
        {
            < 4 => (ChunkCipherFault.Truncated, $"{sealedChunk.Length} bytes is too short for a chunk header"),
            _ when !sealedChunk[..4].SequenceEqual(Magic) => (ChunkCipherFault.BadMagic, "it does not start with 'WCHK' (not a sealed chunk)"),
            < PrefixSize => (ChunkCipherFault.Truncated, $"{sealedChunk.Length} bytes is too short for a chunk header"),
            _ when sealedChunk[4] != FormatVersion =>
                (ChunkCipherFault.UnknownVersion, $"format version {sealedChunk[4]} is not supported (this build reads version {FormatVersion})"),
            _ when sealedChunk[5] == 0 => (ChunkCipherFault.BadKeyId, "the key id is empty"),
            _ when sealedChunk.Length < HeaderLength(sealedChunk[5]) =>
                (ChunkCipherFault.Truncated, $"{sealedChunk.Length} bytes is shorter than its {HeaderLength(sealedChunk[5])}-byte header"),
            _ when !IsPrintableUtf8(sealedChunk.Slice(PrefixSize, sealedChunk[5])) =>
                (ChunkCipherFault.BadKeyId, "the key id is not UTF-8 text without control characters"),
            _ => (default(ChunkCipherFault), null),
        };

        return reason is null ? new Layout(sealedChunk[5]) : throw Refuse(chunkId, fault, reason);
    }

    private static bool IsPrintableUtf8(ReadOnlySpan<byte> text)
    {
        if (!Utf8.IsValid(text))
        {
            return false;
        }

        while (!text.IsEmpty)
        {
            Rune.DecodeFromUtf8(text, out var rune, out var consumed);
            if (Rune.IsControl(rune))
            {
                return false;
            }

            text = text[consumed..];
        }

        return true;
    }

    private static string DecodeKeyId(ReadOnlySpan<byte> sealedChunk, Layout layout) =>
        StrictUtf8.GetString(sealedChunk.Slice(PrefixSize, layout.KeyIdLength));

    /// <summary>
    /// The key id a parsed chunk names. Chunks sealed under the provider's current key (nearly all of them) reuse
    /// its string instead of decoding a new one.
    /// </summary>
    private static string ResolveKeyId(ReadOnlySpan<byte> sealedChunk, Layout layout, IKeyProvider keys)
    {
        var keyIdBytes = sealedChunk.Slice(PrefixSize, layout.KeyIdLength);
        var current = keys.CurrentKeyId;
        Span<byte> currentBytes = stackalloc byte[MaxKeyIdBytes];
        return current is not null
            && Encoding.UTF8.TryGetBytes(current, currentBytes, out var written)
            && currentBytes[..written].SequenceEqual(keyIdBytes)
                ? current
                : DecodeKeyId(sealedChunk, layout);
    }

    /// <summary>Offsets of a chunk's fields once the key id length is known (the key id itself starts at <see cref="PrefixSize"/>) (docs/migration-format.md, "Sealed chunk").</summary>
    private readonly record struct Layout(int KeyIdLength)
    {
        public int WrapNonce => PrefixSize + KeyIdLength;

        public int WrappedKey => WrapNonce + NonceSize;

        public int WrapTag => WrappedKey + DataKeySize;

        public int PayloadNonce => WrapTag + TagSize;

        public int PayloadTag => PayloadNonce + NonceSize;

        public int Ciphertext => PayloadTag + TagSize;
    }
}
