namespace Whisper.Recommendation.Tests.Candidates;

/// <summary>
/// Seeded vectors that look like trained embeddings: Gaussian clusters (tastes/topics) with per-vector norms drawn
/// log-normally (popularity), so inner-product search is not plain cosine search.
/// </summary>
internal static class ClusteredVectors
{
    public static float[][] Generate(int count, int dimension, int clusters, int seed)
    {
        var random = new Random(seed);
        var centers = new float[clusters][];
        for (var c = 0; c < clusters; c++)
        {
            centers[c] = Gaussian(random, dimension, 1f);
        }

        var vectors = new float[count][];
        for (var i = 0; i < count; i++)
        {
            var center = centers[random.Next(clusters)];
            var scale = (float)Math.Exp(0.25 * NextGaussian(random));
            var v = new float[dimension];
            for (var d = 0; d < dimension; d++)
            {
                v[d] = (center[d] + (0.5f * (float)NextGaussian(random))) * scale / MathF.Sqrt(dimension);
            }

            vectors[i] = v;
        }

        return vectors;
    }

    public static float[] Gaussian(Random random, int dimension, float sigma)
    {
        var v = new float[dimension];
        for (var d = 0; d < dimension; d++)
        {
            v[d] = sigma * (float)NextGaussian(random);
        }

        return v;
    }

    private static double NextGaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
