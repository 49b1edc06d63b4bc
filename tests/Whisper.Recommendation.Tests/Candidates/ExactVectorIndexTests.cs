using Whisper.Recommendation.Candidates;

namespace Whisper.Recommendation.Tests.Candidates;

public sealed class ExactVectorIndexTests
{
    [Fact]
    public void Search_ReturnsHighestDotProductsBestFirst_TiesByLowerId()
    {
        using var index = new ExactVectorIndex(3, initialCapacity: 2);
        index.Upsert(10, [1f, 0f, 0f]);
        index.Upsert(11, [2f, 0f, 0f]);
        index.Upsert(12, [2f, 5f, 0f]);
        index.Upsert(13, [-1f, 0f, 0f]);
        index.Upsert(9, [2f, 0f, 1f]);

        var found = new VectorMatch[3];
        Assert.Equal(3, index.Search([1f, 0f, 0f], found));

        Assert.Equal([9L, 11L, 12L], found.Select(m => m.VideoId));
        Assert.Equal(2f, found[0].Score);
    }

    [Fact]
    public void Search_LongVectors_MatchesScalarDotProduct()
    {
        var random = new Random(5);
        var a = ClusteredVectors.Gaussian(random, 37, 1f);
        var b = ClusteredVectors.Gaussian(random, 37, 1f);
        using var index = new ExactVectorIndex(37);
        index.Upsert(1, b);

        var found = new VectorMatch[1];
        index.Search(a, found);

        var expected = a.Zip(b, (x, y) => x * y).Sum();
        Assert.Equal(expected, found[0].Score, 1e-4f);
    }

    [Fact]
    public void RemoveAndUpsert_KeepRowsConsistent()
    {
        using var index = new ExactVectorIndex(2);
        index.Upsert(1, [1f, 0f]);
        index.Upsert(2, [2f, 0f]);
        index.Upsert(3, [3f, 0f]);

        Assert.True(index.Remove(1));
        Assert.False(index.Remove(1));
        index.Upsert(3, [0.5f, 0f]);

        var found = new VectorMatch[5];
        Assert.Equal(2, index.Search([1f, 0f], found));
        Assert.Equal([2L, 3L], found.Take(2).Select(m => m.VideoId));
        Assert.Equal(2, index.Count);
    }
}
