using Whisper.Parity.Measures;

namespace Whisper.Parity.Tests.Measures;

public sealed class RankOverlapTests
{
    [Fact]
    public void Jaccard_TwoOfFourDistinct_IsOneHalf()
    {
        Assert.Equal(0.5, RankOverlap.Jaccard([1, 2, 3], [1, 3, 4], 10), 12);
        Assert.Equal(1.0, RankOverlap.Jaccard([], [], 10));
        Assert.Equal(0.0, RankOverlap.Jaccard([1], [], 10));
    }

    [Fact]
    public void Jaccard_OnlyTheTopKCount()
    {
        // Top-2: {1,2} vs {1,9}: 1 of 3.
        Assert.Equal(1.0 / 3, RankOverlap.Jaccard([1, 2, 3], [1, 9, 3], 2), 12);
    }

    [Fact]
    public void Rbo_IdenticalLists_IsOne_DisjointIsZero()
    {
        Assert.Equal(1.0, RankOverlap.Rbo([5, 6, 7, 8], [5, 6, 7, 8], 0.9, 10), 12);
        Assert.Equal(0.0, RankOverlap.Rbo([1, 2, 3], [4, 5, 6], 0.9, 10), 12);
        Assert.Equal(1.0, RankOverlap.Rbo([], [], 0.9, 10));
        Assert.Equal(0.0, RankOverlap.Rbo([1], [], 0.9, 10));
    }

    [Fact]
    public void Rbo_EvenLists_MatchesTheHandComputedValue()
    {
        // S = a b c, T = a c d, p = 0.9: X1 = 1, X2 = 1, X3 = 2.
        // (1−p)/p · (1·0.9 + 1/2·0.81 + 2/3·0.729) + 2/3·0.729 = 1.791/9 + 0.486 = 0.685.
        Assert.Equal(0.685, RankOverlap.Rbo([1, 2, 3], [1, 3, 4], 0.9, 10), 9);
    }

    [Fact]
    public void Rbo_UnevenLists_UsesTheExtrapolatedForm()
    {
        // S = a, L = a b, p = 0.5: s = 1, l = 2, X1 = X2 = 1.
        // (1−p)/p · (1·0.5 + 1/2·0.25 + 1·(2−1)/(1·2)·0.25) + ((1 − 1)/2 + 1/1)·0.25 = 0.75 + 0.25 = 1.
        Assert.Equal(1.0, RankOverlap.Rbo([1], [1, 2], 0.5, 10), 12);
        // S = b, L = a b: X1 = X_s = 0, X2 = 1. 1·(0 + 1/2·0.25 + 0) + ((1 − 0)/2 + 0/1)·0.25 = 0.125 + 0.125 = 0.25.
        Assert.Equal(0.25, RankOverlap.Rbo([2], [1, 2], 0.5, 10), 12);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void Rbo_PersistenceOutsideOpenUnitInterval_Throws(double p)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => RankOverlap.Rbo([1], [1], p, 10));
        Assert.Contains("(0, 1)", e.Message, StringComparison.Ordinal);
    }
}
