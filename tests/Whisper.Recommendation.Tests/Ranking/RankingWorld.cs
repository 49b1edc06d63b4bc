using Whisper.Core.Domain;
using Whisper.Recommendation.Catalog;
using Whisper.Recommendation.Ranking;
using Whisper.Recommendation.Tests.Feed;
using Whisper.World.Generation;

namespace Whisper.Recommendation.Tests.Ranking;

/// <summary>
/// A small synthetic world (seeded), its impressions as a dataset, and one LightGBM training run shared by the
/// ranking tests. The "embedding model" is the world's true affinity plus seeded noise: a decent but imperfect signal,
/// as an online-trained two-tower model would be.
/// </summary>
public sealed class RankingWorld
{
    public static readonly WorldOptions WorldOptions = new()
    {
        Users = 600,
        Videos = 800,
        Days = 8,
        SessionsPerUserPerDay = 1.5,
        Seed = 11,
    };

    public static readonly RankerOptions Options = new() { Iterations = 60, Seed = 3 };

    public RankingWorld()
    {
        var generator = new WorldGenerator(WorldOptions);
        Truth = generator.Truth;
        var catalog = generator.BuildCatalog();
        Catalog = CatalogView.FromRows(catalog.Users, catalog.Videos, catalog.Follows);

        foreach (var batch in generator.GenerateEvents(10_000))
        {
            Events.AddRange(batch.Events);
            foreach (var follow in batch.NewFollows)
            {
                Catalog.AddFollow(follow.FollowerId, follow.CreatorId);
            }
        }

        Model = new FakeEmbeddingModel(NoisyAffinity, static _ => true, "truth+noise");
        Counters = new EngagementCounters(Catalog, Options.LongWatchRatio);
        Dataset = ImpressionDatasetBuilder.Build(Events, Catalog, Model.Score, Options);
        Features = new RankingFeatureSource(Catalog, Model, Counters);
        Training = LightGbmRankerTrainer.Train(Dataset, Features, Options);
    }

    public GroundTruth Truth { get; }

    public CatalogView Catalog { get; }

    public List<EngagementEvent> Events { get; } = [];

    public FakeEmbeddingModel Model { get; }

    public EngagementCounters Counters { get; }

    public ImpressionDataset Dataset { get; }

    public RankingFeatureSource Features { get; }

    public RankerTrainingResult Training { get; }

    /// <summary>True affinity plus N(0, 0.6) noise, fixed per (user, video).</summary>
    private float NoisyAffinity(long userId, long videoId)
    {
        var rng = new Random(HashCode.Combine(userId, videoId, 17));
        var gaussian = Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        return Truth.Affinity(userId, videoId) + (float)(0.6 * gaussian);
    }
}
