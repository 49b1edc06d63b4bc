using Whisper.Recommendation.Candidates;

namespace Whisper.Recommendation.Tests.Candidates;

public sealed class AnnIndexTests
{
    [Theory]
    [InlineData(AnnSearchSpace.InnerProduct)]
    [InlineData(AnnSearchSpace.L2Transform)]
    public void Search_SmallSet_ReturnsExactTopKWithDotProductScores(AnnSearchSpace space)
    {
        var vectors = ClusteredVectors.Generate(200, 8, clusters: 4, seed: 1);
        using var ann = new AnnIndex(8, new AnnIndexOptions { Space = space });
        using var exact = new ExactVectorIndex(8);
        for (var i = 0; i < vectors.Length; i++)
        {
            ann.Upsert(i + 1, vectors[i]);
            exact.Upsert(i + 1, vectors[i]);
        }

        var query = ClusteredVectors.Gaussian(new Random(2), 8, 1f);
        var fromAnn = new VectorMatch[10];
        var fromExact = new VectorMatch[10];

        Assert.Equal(10, ann.Search(query, fromAnn));
        Assert.Equal(10, exact.Search(query, fromExact));
        Assert.Equal(fromExact.Select(m => m.VideoId), fromAnn.Select(m => m.VideoId));
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(fromExact[i].Score, fromAnn[i].Score, 1e-4f);
        }
    }

    [Fact]
    public void Search_20kClusteredVectors_RecallAt10AtLeast95Percent()
    {
        const int Dimension = 32;
        // Queries are user-like: drawn from the same clusters as the videos (the last 200 of one draw).
        var all = ClusteredVectors.Generate(20_200, Dimension, clusters: 64, seed: 7);
        var vectors = all[..20_000];
        var queries = all[20_000..];
        using var ann = new AnnIndex(Dimension);
        using var exact = new ExactVectorIndex(Dimension, vectors.Length);
        for (var i = 0; i < vectors.Length; i++)
        {
            ann.Upsert(i + 1, vectors[i]);
            exact.Upsert(i + 1, vectors[i]);
        }

        double hits = 0;
        var truth = new VectorMatch[10];
        var found = new VectorMatch[10];
        foreach (var query in queries)
        {
            exact.Search(query, truth);
            var n = ann.Search(query, found);
            var want = truth.Select(m => m.VideoId).ToHashSet();
            hits += found.Take(n).Count(m => want.Contains(m.VideoId));
        }

        var recall = hits / (queries.Length * 10.0);
        Assert.True(recall >= 0.95, $"Recall@10 {recall:0.000} < 0.95");
    }

    [Fact]
    public void Upsert_ChangedVector_MovesVideoIntoTopKWithoutRebuild()
    {
        using var ann = new AnnIndex(2);
        for (var id = 1; id <= 100; id++)
        {
            ann.Upsert(id, [1f, id / 100f]);
        }

        float[] user = [0f, 1f];
        var before = new VectorMatch[5];
        ann.Search(user, before);
        Assert.DoesNotContain(before, m => m.VideoId == 7);

        ann.Upsert(7, [0f, 5f]);

        var after = new VectorMatch[5];
        Assert.Equal(5, ann.Search(user, after));
        Assert.Equal(7, after[0].VideoId);
        Assert.Equal(5f, after[0].Score, 1e-4f);
        Assert.Equal(100, ann.Count);
    }

    [Fact]
    public void Upsert_RepeatedUpdates_KeepCountAndFindLatestVector()
    {
        using var ann = new AnnIndex(4);
        var random = new Random(3);
        for (var id = 1; id <= 50; id++)
        {
            ann.Upsert(id, ClusteredVectors.Gaussian(random, 4, 1f));
        }

        for (var round = 0; round < 20; round++)
        {
            for (var id = 1; id <= 50; id++)
            {
                ann.Upsert(id, ClusteredVectors.Gaussian(random, 4, 1f));
            }
        }

        ann.Upsert(33, [10f, 0f, 0f, 0f]);
        var top = new VectorMatch[1];
        ann.Search([1f, 0f, 0f, 0f], top);

        Assert.Equal(50, ann.Count);
        Assert.Equal((20 * 50) + 1, ann.Replacements);
        Assert.Equal(33, top[0].VideoId);
    }

    [Fact]
    public void Remove_Video_IsNoLongerFound()
    {
        using var ann = new AnnIndex(2);
        ann.Upsert(1, [1f, 0f]);
        ann.Upsert(2, [0.5f, 0f]);

        Assert.True(ann.Remove(1));
        Assert.False(ann.Remove(1));
        var found = new VectorMatch[5];
        Assert.Equal(1, ann.Search([1f, 0f], found));
        Assert.Equal(2, found[0].VideoId);
        Assert.Equal(1, ann.Count);
    }

    [Fact]
    public void Search_EmptyIndex_FindsNothing()
    {
        using var ann = new AnnIndex(3);

        Assert.Equal(0, ann.Search([1f, 2f, 3f], new VectorMatch[10]));
    }

    [Fact]
    public void Upsert_WrongLengthOrNaN_Throws()
    {
        using var ann = new AnnIndex(3);

        Assert.Throws<ArgumentException>(() => ann.Upsert(1, [1f, 2f]));
        Assert.Throws<ArgumentException>(() => ann.Upsert(1, [1f, float.NaN, 0f]));
        Assert.Equal(0, ann.Count);
    }

    [Fact]
    public void Constructor_BadOptions_ListsEveryProblem()
    {
        var e = Assert.Throws<CandidateOptionsException>(() => new AnnIndex(8, new AnnIndexOptions { Connectivity = 1, ExpansionAdd = 0, ExpansionSearch = 1 }));

        Assert.Equal(3, e.Problems.Count);
        Assert.Contains(e.Problems, p => p.Contains("Connectivity", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.Contains("ExpansionAdd", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.Contains("ExpansionSearch", StringComparison.Ordinal));
    }

    [Fact]
    public void L2Transform_LongerThanTheBound_IsCountedAndStillFound()
    {
        using var ann = new AnnIndex(2, new AnnIndexOptions { Space = AnnSearchSpace.L2Transform, MaxNorm = 2f });
        ann.Upsert(1, [1f, 0f]);
        ann.Upsert(2, [0f, 3f]); // norm 3 > bound 2

        var found = new VectorMatch[2];
        Assert.Equal(2, ann.Search([0f, 1f], found));

        Assert.Equal(1, ann.VectorsOverMaxNorm);
        Assert.Equal(2, found[0].VideoId);
        Assert.Equal(0f, found[1].Score, 1e-4f); // within the bound the score is the exact dot product
    }

    [Fact]
    public void SaveAndLoad_KeepsTheBoundAndTheScores_MissingBoundOrOtherSpaceRefused()
    {
        var folder = Directory.CreateTempSubdirectory("whisper-ann-");
        try
        {
            SaveLoadRoundTrip(Path.Combine(folder.FullName, "index.usearch"));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static void SaveLoadRoundTrip(string path)
    {
        var vectors = ClusteredVectors.Generate(300, 4, clusters: 4, seed: 3);
        var query = vectors[7];
        var before = new VectorMatch[5];
        using (var ann = new AnnIndex(4, new AnnIndexOptions { Space = AnnSearchSpace.L2Transform, MaxNorm = 9f }))
        {
            for (var i = 0; i < vectors.Length; i++)
            {
                ann.Upsert(i + 1, vectors[i]);
            }

            ann.Search(query, before);
            ann.Save(path);
        }

        var transform = new AnnIndexOptions { Space = AnnSearchSpace.L2Transform }; // its MaxNorm says 16: the file's bound wins
        using (var loaded = AnnIndex.Load(path, 4, transform))
        {
            var after = new VectorMatch[5];
            loaded.Search(query, after);
            Assert.Equal(9f, loaded.Options.MaxNorm);
            Assert.Equal(before, after);
        }

        Assert.Throws<InvalidDataException>(() => AnnIndex.Load(path, 4, new AnnIndexOptions { Space = AnnSearchSpace.InnerProduct }));
        File.Delete(AnnIndex.MaxNormFile(path));
        Assert.Throws<InvalidDataException>(() => AnnIndex.Load(path, 4, transform));
    }

    [Fact]
    public async Task SearchAndUpsert_Concurrently_NeverFailAndEndConsistent()
    {
        const int Dimension = 16;
        var all = ClusteredVectors.Generate(3_050, Dimension, clusters: 16, seed: 11);
        var vectors = all[..3_000];
        // The recall bar below is calibrated on the inner-product space, which suits these clustered vectors (bench ann).
        using var ann = new AnnIndex(Dimension, new AnnIndexOptions { Space = AnnSearchSpace.InnerProduct });
        for (var i = 0; i < 1_000; i++)
        {
            ann.Upsert(i + 1, vectors[i]);
        }

        // Writers insert new videos and rewrite old ones (grows the index: the native reserve path runs) while
        // readers search: a fixed amount of work each, no timing.
        var writer = Task.Run(() =>
        {
            for (var i = 1_000; i < vectors.Length; i++)
            {
                ann.Upsert(i + 1, vectors[i]);
                ann.Upsert((i % 1_000) + 1, vectors[i - 1_000]);
            }
        });
        var readers = Enumerable.Range(0, Environment.ProcessorCount + 2).Select(r => Task.Run(() =>
        {
            var found = new VectorMatch[10];
            var random = new Random(r);
            var searched = 0;
            for (var q = 0; q < 400; q++)
            {
                searched += ann.Search(vectors[random.Next(vectors.Length)], found) > 0 ? 1 : 0;
            }

            return searched;
        })).ToArray();

        await writer;
        var searchedCounts = await Task.WhenAll(readers);

        Assert.All(searchedCounts, s => Assert.Equal(400, s));
        Assert.Equal(vectors.Length, ann.Count);

        // The graph is intact: recall against exact search over the final vectors (ids 1..1000 hold their last rewrite).
        using var exact = new ExactVectorIndex(Dimension);
        for (var i = 1_000; i < vectors.Length; i++)
        {
            exact.Upsert(i + 1, vectors[i]);
        }

        for (var j = 0; j < 1_000; j++)
        {
            exact.Upsert(j + 1, vectors[1_000 + j]);
        }

        double hits = 0;
        var truth = new VectorMatch[10];
        var found = new VectorMatch[10];
        var queries = all[3_000..];
        foreach (var query in queries)
        {
            exact.Search(query, truth);
            var n = ann.Search(query, found);
            hits += found.Take(n).Count(m => truth.Any(t => t.VideoId == m.VideoId));
        }

        Assert.True(hits / (queries.Length * 10.0) >= 0.9, $"Recall@10 after concurrent writes {hits / (queries.Length * 10.0):0.000}");
    }
}
