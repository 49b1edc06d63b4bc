using Whisper.Parity.Shadow;

namespace Whisper.Parity.Tests.Shadow;

public sealed class EvenSampleTests
{
    [Fact]
    public void Of_MoreItemsThanMax_TakesEvenlySpacedItemsFromTheWholeList()
    {
        Assert.Equal([0, 2, 5, 7], EvenSample.Of(Enumerable.Range(0, 10).ToArray(), 4));
    }

    [Fact]
    public void Of_NoMoreItemsThanMax_ReturnsTheListItself()
    {
        int[] items = [1, 2, 3];

        Assert.Same(items, EvenSample.Of(items, 3));
    }

    [Fact]
    public void Of_MaxBelowOne_IsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => EvenSample.Of([1], 0));
    }
}
