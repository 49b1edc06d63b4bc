using System.IO.Hashing;

namespace Whisper.Fork.Records;

/// <summary>
/// An order-independent digest of a set of records: the count and the wrapping 128-bit sum of each record's
/// XxHash128. Two regions hold the same rows of a table exactly when count and sum agree (up to 2^-128 chance),
/// whatever order they were written in — events land in a different order and at different sequences per region.
/// Integrity against tampering comes from the signed manifest and SHA-256 chunk ids, not from this digest.
/// </summary>
public struct ContentDigest : IEquatable<ContentDigest>
{
    public long Count { get; private set; }

    public UInt128 Sum { get; private set; }

    public static UInt128 HashOf(ReadOnlySpan<byte> content) => XxHash128.HashToUInt128(content);

    public void Add(ReadOnlySpan<byte> content) => Add(HashOf(content));

    public void Add(UInt128 recordHash)
    {
        Count++;
        Sum += recordHash;
    }

    public void Add(ContentDigest other)
    {
        Count += other.Count;
        Sum += other.Sum;
    }

    public readonly string SumHex => Sum.ToString("x32", System.Globalization.CultureInfo.InvariantCulture);

    public static ContentDigest From(long count, string sumHex) => new()
    {
        Count = count,
        Sum = UInt128.Parse(sumHex, System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture),
    };

    public readonly bool Equals(ContentDigest other) => Count == other.Count && Sum == other.Sum;

    public override readonly bool Equals(object? obj) => obj is ContentDigest other && Equals(other);

    public override readonly int GetHashCode() => HashCode.Combine(Count, Sum);

    public static bool operator ==(ContentDigest left, ContentDigest right) => left.Equals(right);

    public static bool operator !=(ContentDigest left, ContentDigest right) => !left.Equals(right);
}
