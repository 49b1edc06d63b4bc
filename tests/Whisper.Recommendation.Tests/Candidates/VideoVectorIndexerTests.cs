using Whisper.Recommendation.Candidates;

namespace Whisper.Recommendation.Tests.Candidates;

public sealed class VideoVectorIndexerTests
{
    [Fact]
    public void IndexAll_IndexesOnlyVideosTheModelKnows()
    {
        var model = new FixedEmbeddingModel(2);
        model.SetVideo(1, 1f, 0f);
        model.SetVideo(3, 0f, 1f);
        using var index = new AnnIndex(2);
        var indexer = new VideoVectorIndexer(model, index);

        Assert.Equal(2, indexer.IndexAll([1, 2, 3]));
        Assert.Equal(2, index.Count);
    }

    [Fact]
    public void OnVideoVectorsChanged_ReinsertsChangedAndRemovesForgottenVideos()
    {
        var model = new FixedEmbeddingModel(2);
        for (var id = 1; id <= 20; id++)
        {
            model.SetVideo(id, 1f, id / 100f);
        }

        using var index = new AnnIndex(2);
        var indexer = new VideoVectorIndexer(model, index);
        indexer.IndexAll(Enumerable.Range(1, 20).Select(i => (long)i));

        model.SetVideo(4, 0f, 9f);
        model.ForgetVideo(20);
        indexer.OnVideoVectorsChanged([4, 20]);

        var top = new VectorMatch[2];
        index.Search([0f, 1f], top);
        Assert.Equal(4, top[0].VideoId);
        Assert.Equal(19, index.Count);
        Assert.Equal(1, indexer.Removals);
    }

    [Fact]
    public void OnVideoVectorsChanged_NaNVector_LeavesVideoOutAndCountsIt()
    {
        var model = new FixedEmbeddingModel(2);
        model.SetVideo(1, 1f, 0f);
        using var index = new ExactVectorIndex(2);
        var indexer = new VideoVectorIndexer(model, index);
        indexer.IndexAll([1]);

        model.SetVideo(1, float.NaN, 0f);
        indexer.OnVideoVectorsChanged([1]);

        Assert.Equal(0, index.Count);
        Assert.Equal(1, indexer.Rejected);
    }

    [Fact]
    public void Bind_AfterTrainerCreatedModel_IgnoresEarlierNotificationsThenIndexes()
    {
        var model = new FixedEmbeddingModel(2);
        model.SetVideo(1, 1f, 0f);
        using var index = new ExactVectorIndex(2);
        var indexer = new VideoVectorIndexer(index);

        indexer.OnVideoVectorsChanged([1]);
        Assert.Equal(0, index.Count);
        Assert.Throws<InvalidOperationException>(() => indexer.IndexAll([1]));

        indexer.Bind(model);
        Assert.Equal(1, indexer.IndexAll([1]));
        Assert.Throws<InvalidOperationException>(() => indexer.Bind(model));
    }

    [Fact]
    public void Constructor_DimensionMismatch_Throws()
    {
        using var index = new ExactVectorIndex(3);

        Assert.Throws<ArgumentException>(() => new VideoVectorIndexer(new FixedEmbeddingModel(2), index));
    }
}
