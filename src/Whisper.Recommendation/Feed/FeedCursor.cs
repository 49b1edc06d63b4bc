using System.Buffers.Binary;
using System.Buffers.Text;
using System.IO.Hashing;
using System.Security.Cryptography;

namespace Whisper.Recommendation.Feed;

/// <summary>
/// Encodes and checks feed cursors: base64url (no padding) of a fixed 301-byte record, little-endian —
/// version (1) | user id (8) | session (8) | page (4) | issued at ms (8) | served Bloom filter (256) | HMAC-SHA256 of
/// the preceding 285 bytes, first 16 bytes. Tamper-evident, not secret: the client can read its own ids.
/// The Bloom filter makes "never repeat within a session" hold even when the in-memory history is gone (restart,
/// another instance sharing the key); a false positive (≈2% after 250 served videos) only skips a video.
/// </summary>
internal static class FeedCursor
{
    public const byte Version = 1;
    public const int BloomBytes = 256;
    public const int MacBytes = 16;
    public const int SignedLength = 1 + 8 + 8 + 4 + 8 + BloomBytes;
    public const int Length = SignedLength + MacBytes;
    public const int TextLength = ((Length / 3) * 4) + ((Length % 3) == 0 ? 0 : (Length % 3) + 1);
    private const int BloomBits = BloomBytes * 8;
    private const int Probes = 4;

    public static string Encode(FeedCursorState state, ReadOnlySpan<byte> key)
    {
        Span<byte> bytes = stackalloc byte[Length];
        bytes[0] = Version;
        BinaryPrimitives.WriteInt64LittleEndian(bytes[1..], state.UserId);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes[9..], state.Session);
        BinaryPrimitives.WriteInt32LittleEndian(bytes[17..], state.Page);
        BinaryPrimitives.WriteInt64LittleEndian(bytes[21..], state.IssuedAtMs);
        state.Served.AsSpan(0, BloomBytes).CopyTo(bytes[29..]);
        Sign(bytes[..SignedLength], key, bytes[SignedLength..]);
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>Null when <paramref name="text"/> is a cursor this key signed; otherwise why not (one sentence).</summary>
    public static string? TryDecode(string text, ReadOnlySpan<byte> key, out FeedCursorState? state)
    {
        state = null;
        if (text.Length != TextLength)
        {
            return "cursor is not a feed cursor (wrong length); pass nextCursor from the previous page unchanged, or omit it for the first page.";
        }

        Span<byte> bytes = stackalloc byte[Length];
        if (!Base64Url.TryDecodeFromChars(text, bytes, out var written) || written != Length)
        {
            return "cursor is not a feed cursor (not base64url); pass nextCursor from the previous page unchanged, or omit it for the first page.";
        }

        Span<byte> mac = stackalloc byte[MacBytes];
        Sign(bytes[..SignedLength], key, mac);
        if (!CryptographicOperations.FixedTimeEquals(mac, bytes[SignedLength..]))
        {
            return "cursor was altered or issued by another server key; start again without a cursor.";
        }

        if (bytes[0] != Version)
        {
            return $"cursor version {bytes[0]} is not supported (this server reads version {Version}); start again without a cursor.";
        }

        state = new FeedCursorState(
            BinaryPrimitives.ReadInt64LittleEndian(bytes[1..]),
            BinaryPrimitives.ReadUInt64LittleEndian(bytes[9..]),
            BinaryPrimitives.ReadInt32LittleEndian(bytes[17..]),
            BinaryPrimitives.ReadInt64LittleEndian(bytes[21..]),
            bytes.Slice(29, BloomBytes).ToArray());
        return null;
    }

    public static void AddServed(Span<byte> bloom, long videoId)
    {
        var (h1, h2) = Hashes(videoId);
        for (var i = 0; i < Probes; i++)
        {
            var bit = (int)((h1 + ((uint)i * h2)) % BloomBits);
            bloom[bit >> 3] |= (byte)(1 << (bit & 7));
        }
    }

    public static bool MayHaveServed(ReadOnlySpan<byte> bloom, long videoId)
    {
        var (h1, h2) = Hashes(videoId);
        for (var i = 0; i < Probes; i++)
        {
            var bit = (int)((h1 + ((uint)i * h2)) % BloomBits);
            if ((bloom[bit >> 3] & (1 << (bit & 7))) == 0)
            {
                return false;
            }
        }

        return true;
    }

    private static (uint H1, uint H2) Hashes(long videoId)
    {
        Span<byte> id = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(id, videoId);
        var hash = XxHash64.HashToUInt64(id);
        return ((uint)hash, (uint)(hash >> 32) | 1);
    }

    private static void Sign(ReadOnlySpan<byte> data, ReadOnlySpan<byte> key, Span<byte> mac)
    {
        Span<byte> full = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(key, data, full);
        full[..MacBytes].CopyTo(mac);
    }
}
