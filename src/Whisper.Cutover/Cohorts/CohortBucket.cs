using System.Text;

namespace Whisper.Cutover.Cohorts;

/// <summary>
/// A user's bucket in a cutover group: murmur3_x86_32 (seed 0) of the UTF-8 text <c>"&lt;group id&gt;:&lt;user id&gt;"</c>
/// modulo 10,000, as Unleash's gradual rollout computes it. A step at p % moves the users whose bucket is below
/// p × 100, so raising the percentage only ever adds users; the group id salts the hash so two plans move
/// independent slices of the population.
/// </summary>
public static class CohortBucket
{
    /// <summary>Buckets per group: 0.01 % granularity.</summary>
    public const int Count = 10_000;

    /// <summary>Longest group id accepted, so the hashed text fits a stack buffer.</summary>
    public const int MaxGroupIdLength = 100;

    public static int Of(string groupId, long userId)
    {
        ArgumentException.ThrowIfNullOrEmpty(groupId);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(groupId.Length, MaxGroupIdLength, nameof(groupId));
        Span<byte> text = stackalloc byte[(MaxGroupIdLength * 3) + 1 + 20];
        var length = Encoding.UTF8.GetBytes(groupId, text);
        text[length++] = (byte)':';
        userId.TryFormat(text[length..], out var digits, default, System.Globalization.CultureInfo.InvariantCulture);
        return (int)(Murmur3.Hash32(text[..(length + digits)]) % Count);
    }
}
