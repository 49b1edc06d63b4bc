using System.Buffers.Binary;
using System.IO.Hashing;

namespace Whisper.Recommendation.Feed;

/// <summary>
/// Deterministic client event ids for served impressions, laid out as RFC 9562 UUIDv7: the page's time in the top 48
/// bits, then version and variant, and XxHash128 of (user, session, page, position) in the 74 random bits. A retried
/// request for the same page produces the same ids, so the event log stores its impressions once; and because ids
/// are time-ordered they land at the right edge of the log's unique index instead of dirtying a random page each
/// (measured in docs/feed.md, "Impression writes, batched trees").
/// </summary>
internal static class ImpressionIds
{
    /// <param name="pageTimeMs">Unix ms the page is keyed by: the cursor's issue time, or the request time for a first
    /// page (whose session is derived from that time too), so a retry with the same cursor gets the same ids.</param>
    public static Guid For(long userId, ulong session, int page, int position, long pageTimeMs)
    {
        Span<byte> input = stackalloc byte[8 + 8 + 4 + 4 + 4];
        BinaryPrimitives.WriteInt64LittleEndian(input, userId);
        BinaryPrimitives.WriteUInt64LittleEndian(input[8..], session);
        BinaryPrimitives.WriteInt32LittleEndian(input[16..], page);
        BinaryPrimitives.WriteInt32LittleEndian(input[20..], position);
        BinaryPrimitives.WriteInt32LittleEndian(input[24..], 0x46454544); // "FEED": keeps these ids apart from other id schemes
        Span<byte> id = stackalloc byte[16];
        XxHash128.Hash(input, id);
        // Big-endian (RFC) layout: bytes 0-5 unix ms, byte 6 high nibble version 7, byte 8 top bits variant 10.
        var ms = (ulong)Math.Max(0, pageTimeMs) & 0xFFFF_FFFF_FFFFUL;
        for (var i = 0; i < 6; i++)
        {
            id[i] = (byte)(ms >> (8 * (5 - i)));
        }

        id[6] = (byte)(0x70 | (id[6] & 0x0F));
        id[8] = (byte)(0x80 | (id[8] & 0x3F));
        return new Guid(id, bigEndian: true);
    }
}
