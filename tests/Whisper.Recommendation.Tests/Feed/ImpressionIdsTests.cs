using Whisper.Recommendation.Feed;

namespace Whisper.Recommendation.Tests.Feed;

public sealed class ImpressionIdsTests
{
    private static readonly long T0 = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    [Fact]
    public void For_IsAUuidV7CarryingThePageTime()
    {
        var id = ImpressionIds.For(42, 0xABCDEF, 3, 7, T0);
        var bytes = id.ToByteArray(bigEndian: true);

        Assert.Equal(7, id.Version);
        Assert.Equal(0b10, bytes[8] >> 6); // RFC 9562 variant
        var ms = 0L;
        for (var i = 0; i < 6; i++)
        {
            ms = (ms << 8) | bytes[i];
        }

        Assert.Equal(T0, ms);
    }

    [Fact]
    public void For_SameInputsSameId_AnyInputChangesIt()
    {
        var id = ImpressionIds.For(42, 9, 3, 7, T0);

        Assert.Equal(id, ImpressionIds.For(42, 9, 3, 7, T0));
        Assert.Equal(6, new HashSet<Guid>
        {
            id,
            ImpressionIds.For(43, 9, 3, 7, T0),
            ImpressionIds.For(42, 10, 3, 7, T0),
            ImpressionIds.For(42, 9, 4, 7, T0),
            ImpressionIds.For(42, 9, 3, 8, T0),
            ImpressionIds.For(42, 9, 3, 7, T0 + 1),
        }.Count);
    }

    [Fact]
    public void For_LaterPages_SortAfterEarlierOnes_InTheLogsByteOrder()
    {
        // The log stores ids as 16 big-endian bytes under a unique index: later pages must append at its right edge.
        var rng = new Random(5);
        var previous = new byte[16];
        for (var t = 0; t < 1_000; t++)
        {
            var page = Enumerable.Range(0, 10).Select(p => ImpressionIds.For(rng.NextInt64(1, 1_000_000), (ulong)rng.NextInt64(), rng.Next(5), p, T0 + (t * 3))).ToArray();
            var smallest = page.Select(g => g.ToByteArray(bigEndian: true)).Min(ByteOrder.Instance)!;

            Assert.True(ByteOrder.Instance.Compare(previous, smallest) < 0, $"page {t} sorts before an earlier page");
            previous = page.Select(g => g.ToByteArray(bigEndian: true)).Max(ByteOrder.Instance)!;
        }
    }

    private sealed class ByteOrder : IComparer<byte[]>
    {
        public static readonly ByteOrder Instance = new();

        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}
