using System.IO.Hashing;
using System.Text;

namespace Whisper.Recommendation.Catalog;

/// <summary>
/// A hashtag's 64-bit key for embedding tables: XxHash64 of its lower-case UTF-8 bytes. Stable across processes and
/// regions (a fork computes the same keys), so topic embeddings travel with a model.
/// </summary>
public static class TopicKey
{
    public static long Of(string hashtag)
    {
        Span<byte> buffer = stackalloc byte[256];
        var lower = hashtag.ToLowerInvariant();
        var bytes = Encoding.UTF8.GetByteCount(lower) <= buffer.Length ? buffer[..Encoding.UTF8.GetBytes(lower, buffer)] : Encoding.UTF8.GetBytes(lower);
        return (long)(XxHash64.HashToUInt64(bytes) & long.MaxValue);
    }
}
