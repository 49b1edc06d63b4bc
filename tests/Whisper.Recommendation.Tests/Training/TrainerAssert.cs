using Whisper.Recommendation.Training;

namespace Whisper.Recommendation.Tests.Training;

internal static class TrainerAssert
{
    /// <summary>Every table snapshot byte-equal (weights, accumulators, last-seen, pending counts), same bias bits, position and counters.</summary>
    public static void SameParameters(OnlineTrainer expected, OnlineTrainer actual)
    {
        Assert.Equal(expected.Position, actual.Position);
        Assert.Equal(expected.Stats, actual.Stats);
        Assert.Equal(BitConverter.SingleToInt32Bits(expected.Model.GlobalBias), BitConverter.SingleToInt32Bits(actual.Model.GlobalBias));
        var a = expected.Model.AllTables;
        var b = actual.Model.AllTables;
        Assert.Equal(a.Count, b.Count);
        for (var i = 0; i < a.Count; i++)
        {
            Assert.True(a[i].Count > 0, $"table {a[i].Options.Name} is empty: the comparison would prove nothing");
            Assert.True(Snapshot(a[i]).AsSpan().SequenceEqual(Snapshot(b[i])), $"table {a[i].Options.Name} differs");
        }
    }

    private static byte[] Snapshot(Whisper.Recommendation.Embeddings.EmbeddingTable table)
    {
        var stream = new MemoryStream();
        table.WriteSnapshot(stream);
        return stream.ToArray();
    }
}
