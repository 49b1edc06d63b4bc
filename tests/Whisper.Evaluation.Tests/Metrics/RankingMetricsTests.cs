using Whisper.Evaluation.Metrics;

namespace Whisper.Evaluation.Tests.Metrics;

public sealed class RankingMetricsTests
{
    private const double Tolerance = 1e-12;

    [Fact]
    public void Ndcg_TwoHitsAtRanksTwoAndThree_MatchesHandComputedValue()
    {
        // DCG = 1/log2(3) + 1/log2(4); ideal (two relevant) = 1/log2(2) + 1/log2(3).
        var expected = ((1 / Math.Log2(3)) + 0.5) / (1 + (1 / Math.Log2(3)));

        var ndcg = RankingMetrics.Ndcg([5, 1, 7], [1, 7], k: 3);

        Assert.Equal(expected, ndcg, Tolerance);
        Assert.Equal(0.693426, ndcg, 1e-6);
    }

    [Fact]
    public void Ndcg_MoreRelevantThanK_IdealUsesOnlyKPositions()
    {
        // All of the top 2 are relevant; 5 relevant items but ideal DCG is over min(|R|, k) = 2 positions.
        Assert.Equal(1.0, RankingMetrics.Ndcg([1, 2, 9], [1, 2, 3, 4, 5], k: 2), Tolerance);
    }

    [Fact]
    public void Ndcg_HitBelowK_Zero()
    {
        Assert.Equal(0.0, RankingMetrics.Ndcg([5, 1], [1], k: 1), Tolerance);
        Assert.Equal(0.0, RankingMetrics.Ndcg([5, 1], [], k: 2), Tolerance);
    }

    [Fact]
    public void Ndcg_SingleHitAtRankFour_IsOneOverLog2Five()
    {
        Assert.Equal(1 / Math.Log2(5), RankingMetrics.Ndcg([10, 11, 12, 3, 14], [3], k: 10), Tolerance);
    }

    [Fact]
    public void Recall_CountsHitsWithinKOverAllRelevant()
    {
        Assert.Equal(1.0 / 3, RankingMetrics.Recall([1, 2, 3, 4], [2, 4, 9], k: 2), Tolerance);
        Assert.Equal(2.0 / 3, RankingMetrics.Recall([1, 2, 3, 4], [2, 4, 9], k: 4), Tolerance);
        Assert.Equal(2.0 / 3, RankingMetrics.Recall([1, 2, 3, 4], [2, 4, 9], k: 50), Tolerance);
        Assert.Equal(0.0, RankingMetrics.Recall([1, 2], [], k: 2), Tolerance);
    }

    [Fact]
    public void ReciprocalRank_FirstHitCounts()
    {
        Assert.Equal(1.0 / 3, RankingMetrics.ReciprocalRank([8, 9, 3, 4], [3, 4]), Tolerance);
        Assert.Equal(1.0, RankingMetrics.ReciprocalRank([4], [3, 4]), Tolerance);
        Assert.Equal(0.0, RankingMetrics.ReciprocalRank([8, 9], [3]), Tolerance);
    }

    [Fact]
    public void Gini_EqualExposure_Zero()
    {
        Assert.Equal(0.0, RankingMetrics.Gini([5, 5, 5, 5]), Tolerance);
        Assert.Equal(0.0, RankingMetrics.Gini([0, 0, 0]), Tolerance);
    }

    [Fact]
    public void Gini_AllExposureOnOneCreator_IsNMinusOneOverN()
    {
        Assert.Equal(0.75, RankingMetrics.Gini([0, 12, 0, 0]), Tolerance);
    }

    [Fact]
    public void Gini_OneTwoThreeFour_IsOneQuarter()
    {
        // Σ (2i − n − 1) x_(i) / (n Σ x) = (−3·1 − 1·2 + 1·3 + 3·4) / (4 · 10).
        Assert.Equal(0.25, RankingMetrics.Gini([4, 1, 3, 2]), Tolerance);
    }

    [Fact]
    public void Coverage_DistinctOverCatalog()
    {
        Assert.Equal(0.25, RankingMetrics.Coverage(3, 12), Tolerance);
        Assert.Equal(0.0, RankingMetrics.Coverage(0, 0), Tolerance);
    }
}
