using System.Buffers.Binary;

using Whisper.Recommendation.Embeddings;

namespace Whisper.Recommendation.Tests.Embeddings;

public sealed class EmbeddingSnapshotTests
{
    [Fact]
    public void WriteSnapshot_ReadBack_BitwiseEqual()
    {
        var table = BuildTable();
        var bytes = Snapshot(table);

        var restored = EmbeddingTable.ReadSnapshot(new MemoryStream(bytes));

        Assert.Equal(bytes, Snapshot(restored));
        Assert.Equal(table.Options, restored.Options);
        Assert.Equal(table.Stats with { SlabBytes = 0 }, restored.Stats with { SlabBytes = 0 });
        for (long id = -500; id < 3_000; id += 7)
        {
            Assert.Equal(table.TryGetRow(id, out var a), restored.TryGetRow(id, out var b));
            if (a >= 0 && b >= 0)
            {
                Assert.Equal(ToBits(table.Weights(a)), ToBits(restored.Weights(b)));
                Assert.Equal(ToBits(table.Accumulators(a)), ToBits(restored.Accumulators(b)));
                Assert.Equal(table.LastSeen(a), restored.LastSeen(b));
            }
        }

        // Pending counts travel too: an id one sighting short is admitted by both on the next sighting.
        Assert.Equal(table.Touch(999_999, 5_000, out _), restored.Touch(999_999, 5_000, out _));
        Assert.Equal(Snapshot(table), Snapshot(restored));
    }

    [Fact]
    public void ReadSnapshot_WrongMagic_Refused()
    {
        var bytes = Snapshot(BuildTable());
        bytes[0] = (byte)'X';
        var e = Assert.Throws<EmbeddingSnapshotFormatException>(() => EmbeddingTable.ReadSnapshot(new MemoryStream(bytes), "t.wemb"));
        Assert.Contains("not a Whisper embedding snapshot", e.Message, StringComparison.Ordinal);
        Assert.Contains("t.wemb", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadSnapshot_UnknownVersion_Refused()
    {
        var bytes = Snapshot(BuildTable());
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(8), 2);
        var e = Assert.Throws<EmbeddingSnapshotFormatException>(() => EmbeddingTable.ReadSnapshot(new MemoryStream(bytes)));
        Assert.Contains("version 2 is not supported", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(100)]
    [InlineData(5_000)]
    public void ReadSnapshot_Truncated_Refused(int keep)
    {
        var bytes = Snapshot(BuildTable());
        var cut = bytes.AsSpan(0, Math.Min(keep, bytes.Length - 1)).ToArray();
        var e = Assert.Throws<EmbeddingSnapshotFormatException>(() => EmbeddingTable.ReadSnapshot(new MemoryStream(cut)));
        Assert.Contains("truncated", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadSnapshot_OneByteShortOfTheChecksum_Refused()
    {
        var bytes = Snapshot(BuildTable());
        var e = Assert.Throws<EmbeddingSnapshotFormatException>(() => EmbeddingTable.ReadSnapshot(new MemoryStream(bytes[..^1])));
        Assert.Contains("truncated", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadSnapshot_FlippedWeightByte_ChecksumMismatch()
    {
        var bytes = Snapshot(BuildTable());
        bytes[bytes.Length / 2] ^= 0x10;
        var e = Assert.Throws<EmbeddingSnapshotFormatException>(() => EmbeddingTable.ReadSnapshot(new MemoryStream(bytes)));
        Assert.Contains("checksum mismatch", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadSnapshot_TrailingBytes_Refused()
    {
        var bytes = Snapshot(BuildTable());
        var e = Assert.Throws<EmbeddingSnapshotFormatException>(() => EmbeddingTable.ReadSnapshot(new MemoryStream([.. bytes, 0])));
        Assert.Contains("after the checksum", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteSnapshot_EmptyTable_HeaderMatchesTheDocumentedLayout()
    {
        var table = new EmbeddingTable(new EmbeddingTableOptions { Name = "users", Dimension = 32, Seed = 7 });
        var bytes = Snapshot(table);
        Assert.Equal("WHSPEMB\n"u8.ToArray(), bytes[..8]);
        Assert.Equal(1, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(8)));
        Assert.Equal(5, bytes[12]);
        Assert.Equal("users"u8.ToArray(), bytes[13..18]);
        Assert.Equal(32, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(18)));
        // 8 magic + 4 version + 1 + 5 name + 44 options + 40 counters + 4 rows + 4 pending capacity + 8 checksum
        Assert.Equal(118, bytes.Length);
    }

    private static EmbeddingTable BuildTable()
    {
        var table = new EmbeddingTable(new EmbeddingTableOptions
        {
            Name = "videos",
            Dimension = 8,
            WithBias = true,
            AdmitAfter = 2,
            MaxPending = 256,
            Ttl = TimeSpan.FromMilliseconds(1_500),
            MaxRows = 400,
            Seed = 3,
        });
        var random = new Random(5);
        for (var t = 0; t < 4_000; t++)
        {
            var id = random.NextInt64(-500, 2_500);
            if (table.Touch(id, t, out var row) is AdmissionStatus.Admitted or AdmissionStatus.Present)
            {
                table.MutableWeights(row)[random.Next(9)] += (float)random.NextDouble();
                table.Accumulators(row)[random.Next(9)] += (float)random.NextDouble();
            }

            if (t % 1_000 == 999)
            {
                table.Sweep(t);
            }
        }

        table.Touch(999_999, 4_000, out _); // one pending sighting
        return table;
    }

    private static byte[] Snapshot(EmbeddingTable table)
    {
        var stream = new MemoryStream();
        table.WriteSnapshot(stream);
        return stream.ToArray();
    }

    private static int[] ToBits(ReadOnlySpan<float> values)
    {
        var bits = new int[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            bits[i] = BitConverter.SingleToInt32Bits(values[i]);
        }

        return bits;
    }
}
