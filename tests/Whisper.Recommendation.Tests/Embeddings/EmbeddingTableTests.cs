using Whisper.Recommendation.Embeddings;

namespace Whisper.Recommendation.Tests.Embeddings;

public sealed class EmbeddingTableTests
{
    [Fact]
    public void TryGetRow_MillionsOfRandomIds_EveryIdOwnsItsRow()
    {
        const int n = 2_000_000;
        var random = new Random(20260101);
        var unique = new HashSet<long>(n);
        var ids = new long[n];
        var bytes = new byte[8];
        for (var i = 0; i < n;)
        {
            random.NextBytes(bytes);
            var id = BitConverter.ToInt64(bytes); // full 64-bit range, negatives and 0 included
            if (unique.Add(id))
            {
                ids[i++] = id;
            }
        }

        var table = new EmbeddingTable(new EmbeddingTableOptions { Name = "ids", Dimension = 3, MaxRows = n });
        foreach (var id in ids)
        {
            Assert.Equal(AdmissionStatus.Admitted, table.Touch(id, 0, out var row));
            WriteMarker(table.MutableWeights(row), id);
        }

        Assert.Equal(n, table.Count);
        var owner = new bool[n];
        foreach (var id in ids)
        {
            Assert.True(table.TryGetRow(id, out var row));
            Assert.False(owner[row], "two ids share a row");
            owner[row] = true;
            Assert.Equal(id, ReadMarker(table.Weights(row)));
        }

        for (var probes = 0; probes < 10_000; probes++)
        {
            random.NextBytes(bytes);
            var stranger = BitConverter.ToInt64(bytes);
            Assert.Equal(unique.Contains(stranger), table.TryGetRow(stranger, out _));
        }
    }

    [Fact]
    public void Touch_FewerThanAdmitAfterSightings_NoRow_AtAdmitAfter_RowExists()
    {
        var table = new EmbeddingTable(new EmbeddingTableOptions { Dimension = 4, AdmitAfter = 3 });

        Assert.Equal(AdmissionStatus.Pending, table.Touch(42, 0, out _));
        Assert.Equal(AdmissionStatus.Pending, table.Touch(42, 1, out _));
        Assert.False(table.TryGetRow(42, out _));
        Assert.Equal(0, table.Count);

        Assert.Equal(AdmissionStatus.Admitted, table.Touch(42, 2, out var row));
        Assert.True(table.TryGetRow(42, out var found));
        Assert.Equal(row, found);
        Assert.Equal(AdmissionStatus.Present, table.Touch(42, 3, out _));
        Assert.Equal(1, table.Count);
    }

    [Fact]
    public void Touch_PendingTableFull_MemoryStaysBoundedAndRareIdsArePushedOut()
    {
        var table = new EmbeddingTable(new EmbeddingTableOptions { Dimension = 2, AdmitAfter = 2, MaxPending = 64 });
        var before = table.Stats.SlabBytes;
        for (long id = 1; id <= 100_000; id++)
        {
            Assert.Equal(AdmissionStatus.Pending, table.Touch(id, id, out _));
        }

        Assert.Equal(before, table.Stats.SlabBytes);
        Assert.Equal(100_000 - 64, table.Stats.PendingDropped);

        // An id seen twice in a row is admitted: its count is the newest in its bucket, never the one pushed out.
        Assert.Equal(AdmissionStatus.Pending, table.Touch(7, 200_000, out _));
        Assert.Equal(AdmissionStatus.Admitted, table.Touch(7, 200_001, out _));
    }

    [Fact]
    public void Sweep_AgeEqualToTtl_Kept_AgeOneMillisecondOver_Evicted()
    {
        var table = new EmbeddingTable(new EmbeddingTableOptions { Dimension = 2, Ttl = TimeSpan.FromMilliseconds(1_000) });
        table.Touch(1, 10_000, out _);
        table.Touch(2, 10_001, out _);

        Assert.Equal(0, table.Sweep(11_000)); // ages 1,000 and 999: both kept
        Assert.True(table.TryGetRow(1, out _));

        Assert.Equal(1, table.Sweep(11_001)); // ages 1,001 (evicted) and 1,000 (kept)
        Assert.False(table.TryGetRow(1, out _));
        Assert.True(table.TryGetRow(2, out _));
        Assert.Equal(1, table.Stats.Evicted);
    }

    [Fact]
    public void Sweep_PendingCountsOlderThanTtl_AreForgotten()
    {
        var table = new EmbeddingTable(new EmbeddingTableOptions { Dimension = 2, AdmitAfter = 2, Ttl = TimeSpan.FromMilliseconds(100) });
        table.Touch(1, 0, out _);
        table.Sweep(101);
        Assert.Equal(AdmissionStatus.Pending, table.Touch(1, 101, out _)); // counting starts again
        Assert.Equal(AdmissionStatus.Admitted, table.Touch(1, 102, out _));
    }

    [Fact]
    public void Touch_KeepsRowAlive_SweepUsesLastSighting()
    {
        var table = new EmbeddingTable(new EmbeddingTableOptions { Dimension = 2, Ttl = TimeSpan.FromMilliseconds(100) });
        table.Touch(1, 0, out _);
        table.Touch(1, 90, out _);
        Assert.Equal(0, table.Sweep(190));
        Assert.Equal(1, table.Sweep(191));
    }

    [Fact]
    public void Touch_Full_EvictsExpiredRowsFirst_ElseRefusesAndCounts()
    {
        var table = new EmbeddingTable(new EmbeddingTableOptions { Dimension = 2, MaxRows = 2, Ttl = TimeSpan.FromMilliseconds(1_000) });
        table.Touch(1, 0, out _);
        table.Touch(2, 600, out _);

        Assert.Equal(AdmissionStatus.RefusedFull, table.Touch(3, 1_000, out _)); // nothing expired yet
        Assert.False(table.TryGetRow(3, out _));
        Assert.Equal(1, table.Stats.RefusedFull);

        Assert.Equal(AdmissionStatus.Admitted, table.Touch(3, 1_001, out _)); // row 1 expired: evicted, 3 admitted
        Assert.False(table.TryGetRow(1, out _));
        Assert.True(table.TryGetRow(2, out _));
        Assert.True(table.TryGetRow(3, out _));
        Assert.Equal(2, table.Count);
        Assert.Equal(1, table.Stats.Evicted);
    }

    [Fact]
    public void Touch_FullWithoutTtl_RefusesEveryNewId()
    {
        var table = new EmbeddingTable(new EmbeddingTableOptions { Dimension = 2, MaxRows = 3 });
        for (long id = 1; id <= 3; id++)
        {
            table.Touch(id, 0, out _);
        }

        for (long id = 4; id <= 10; id++)
        {
            Assert.Equal(AdmissionStatus.RefusedFull, table.Touch(id, long.MaxValue / 2, out _));
        }

        Assert.Equal(3, table.Count);
        Assert.Equal(7, table.Stats.RefusedFull);
        Assert.Equal(AdmissionStatus.Present, table.Touch(2, 0, out _));
    }

    [Fact]
    public void Touch_RowInitialisation_DependsOnlyOnSeedAndId()
    {
        var options = new EmbeddingTableOptions { Dimension = 16, Seed = 9, Ttl = TimeSpan.FromMilliseconds(10) };
        var a = new EmbeddingTable(options);
        var b = new EmbeddingTable(options);
        for (long id = 100; id > 0; id--)
        {
            b.Touch(id, 0, out _); // other order, so other rows
        }

        a.Touch(5, 0, out var rowA);
        Assert.True(b.TryGetRow(5, out var rowB));
        Assert.Equal(a.Weights(rowA).ToArray(), b.Weights(rowB).ToArray());
        Assert.Contains(a.Weights(rowA).ToArray(), w => w != 0);

        a.Touch(6, 0, out var other);
        Assert.NotEqual(a.Weights(rowA).ToArray(), a.Weights(other).ToArray());

        var reseeded = new EmbeddingTable(options with { Seed = 10 });
        reseeded.Touch(5, 0, out var rowC);
        Assert.NotEqual(a.Weights(rowA).ToArray(), reseeded.Weights(rowC).ToArray());

        // Evicted and re-admitted: the same starting weights again.
        var first = a.Weights(rowA).ToArray();
        a.MutableWeights(rowA).Fill(1f);
        Assert.Equal(2, a.Sweep(1_000));
        a.Touch(5, 1_000, out rowA);
        Assert.Equal(first, a.Weights(rowA).ToArray());
    }

    [Fact]
    public void WithBias_BiasStartsAtZero_AfterTheVector()
    {
        var table = new EmbeddingTable(new EmbeddingTableOptions { Dimension = 4, WithBias = true });
        table.Touch(3, 0, out var row);
        Assert.Equal(5, table.Weights(row).Length);
        Assert.Equal(0f, table.Bias(row));
    }

    [Fact]
    public void Options_Invalid_ReportsEveryProblem()
    {
        var problems = new EmbeddingTableOptions { Dimension = 0, AdmitAfter = 0, MaxRows = 0, InitialAccumulator = 0 }.Validate();
        Assert.Equal(4, problems.Count);
        Assert.Throws<ArgumentException>(() => new EmbeddingTable(new EmbeddingTableOptions { Dimension = -1 }));
    }

    [Fact]
    public async Task TryGetRow_WhileWriterAdmitsAndSweeps_ReadersNeverThrow()
    {
        var table = new EmbeddingTable(new EmbeddingTableOptions { Dimension = 3, MaxRows = 8_000, Ttl = TimeSpan.FromMilliseconds(20_000) });
        using var done = new CancellationTokenSource();
        var reader = Task.Run(() =>
        {
            long reads = 0, hits = 0;
            var random = new Random(3);
            while (!done.IsCancellationRequested || reads == 0)
            {
                if (table.TryGetRow(random.NextInt64(1, 200_000), out var row))
                {
                    hits += table.Weights(row).Length == 3 ? 1 : 0;
                }

                reads++;
            }

            return reads;
        });

        for (long t = 0; t < 300_000; t++)
        {
            var id = 1 + ((t * 7919) % 199_999);
            if (table.Touch(id, t, out var row) == AdmissionStatus.Admitted)
            {
                WriteMarker(table.MutableWeights(row), id);
            }

            if (t % 10_000 == 0)
            {
                table.Sweep(t);
            }
        }

        await done.CancelAsync();
        Assert.True(await reader > 0);
        Assert.True(table.Stats.Evicted > 0);
        Assert.True(table.Stats.RefusedFull > 0);
    }

    internal static void WriteMarker(Span<float> weights, long id)
    {
        var bits = (ulong)id;
        weights[0] = bits & 0x3F_FFFF;
        weights[1] = (bits >> 22) & 0x3F_FFFF;
        weights[2] = bits >> 44;
    }

    internal static long ReadMarker(ReadOnlySpan<float> weights) =>
        (long)((ulong)weights[0] | ((ulong)weights[1] << 22) | ((ulong)weights[2] << 44));
}
