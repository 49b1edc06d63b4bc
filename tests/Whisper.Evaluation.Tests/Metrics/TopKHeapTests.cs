using Whisper.Evaluation.Metrics;

namespace Whisper.Evaluation.Tests.Metrics;

public sealed class TopKHeapTests
{
    [Fact]
    public void Drain_KeepsBestScoresBestFirst_TiesToLowerItem()
    {
        float[] scores = [0.1f, 0.9f, 0.5f, 0.9f, float.NegativeInfinity, 0.7f, float.NaN, 0.2f];
        var heap = new TopKHeap(new int[4], new float[4]);
        for (var i = 0; i < scores.Length; i++)
        {
            heap.Offer(i, scores[i]);
        }

        var into = new int[4];
        var count = heap.Drain(into);

        Assert.Equal(4, count);
        Assert.Equal([1, 3, 5, 2], into);
    }

    [Fact]
    public void Drain_FewerOffersThanCapacity_ReturnsThemAll()
    {
        var heap = new TopKHeap(new int[10], new float[10]);
        heap.Offer(7, 1f);
        heap.Offer(3, 2f);
        heap.Offer(9, float.NegativeInfinity);

        var into = new int[10];
        Assert.Equal(2, heap.Drain(into));
        Assert.Equal([3, 7], into[..2]);
    }
}
