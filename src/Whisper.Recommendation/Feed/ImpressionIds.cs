using System.Buffers.Binary;
using System.IO.Hashing;

namespace Whisper.Recommendation.Feed;

/// <summary>
/// Deterministic client event ids for served impressions: XxHash128 of (user, session, page, position). A retried
/// request for the same page produces the same ids, so the event log stores its impressions once.
/// </summary>
internal static class ImpressionIds
{
    public static Guid For(long userId, ulong session, int page, int position)
    {
        Span<byte> input = stackalloc byte[8 + 8 + 4 + 4 + 4];
        BinaryPrimitives.WriteInt64LittleEndian(input, userId);
        BinaryPrimitives.WriteUInt64LittleEndian(input[8..], session);
        BinaryPrimitives.WriteInt32LittleEndian(input[16..], page);
        BinaryPrimitives.WriteInt32LittleEndian(input[20..], position);
        BinaryPrimitives.WriteInt32LittleEndian(input[24..], 0x46454544); // "FEED": keeps these ids apart from other id schemes
        Span<byte> hash = stackalloc byte[16];
        XxHash128.Hash(input, hash);
        hash[15] |= 1; // never Guid.Empty
        return new Guid(hash);
    }
}
