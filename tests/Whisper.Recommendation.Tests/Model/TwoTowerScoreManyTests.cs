using Whisper.Recommendation.Candidates;
using Whisper.Recommendation.Model;
using Whisper.Recommendation.Ranking;
using Whisper.Recommendation.Tests.Feed;
using Whisper.Recommendation.Tests.Training;
using Whisper.Recommendation.Training;
using Whisper.World.Generation;

namespace Whisper.Recommendation.Tests.Model;

/// <summary>The batched score (user tower once per request) must give exactly the per-pair score, bit for bit.</summary>
public sealed class TwoTowerScoreManyTests
{
    private static readonly WorldOptions World = new() { Users = 200, Videos = 400, Days = 4, SessionsPerUserPerDay = 1, Seed = 5 };

    [Fact]
    public void ScoreMany_TrainedModel_BitIdenticalToScore_IncludingUnknownUsersAndVideos()
    {
        using var trainer = Trained(out var model);
        long[] videos = [.. Enumerable.Range(1, World.Videos).Select(v => (long)v), 0, 999_999];
        var batch = new float[videos.Length];
        var compared = 0;
        foreach (var user in Enumerable.Range(1, World.Users).Select(u => (long)u).Append(0).Append(888_888))
        {
            model.ScoreMany(user, videos, batch);
            for (var i = 0; i < videos.Length; i++)
            {
                Assert.Equal(BitConverter.SingleToInt32Bits(model.Score(user, videos[i])), BitConverter.SingleToInt32Bits(batch[i]));
                compared++;
            }
        }

        Assert.Equal((World.Users + 2) * videos.Length, compared);
        Assert.Contains(batch, s => s == 0); // unknown user × unknown video
    }

    [Fact]
    public void ScoreMany_ThroughTheInterface_AndWithAPrecomputedUserVector_MatchesScore()
    {
        using var trainer = Trained(out var model);
        IEmbeddingModel serving = model;
        long[] videos = [3, 1, 400, 77, 0, 12];
        var viaInterface = new float[videos.Length];
        var viaVector = new float[videos.Length];
        var user = new float[model.Dimension];
        for (long u = 1; u <= 20; u++)
        {
            serving.ScoreMany(u, videos, viaInterface);
            var hasUser = model.TryGetUserVector(u, user);
            model.ScoreMany(user, hasUser, videos, viaVector);
            for (var i = 0; i < videos.Length; i++)
            {
                var expected = model.Score(u, videos[i]);
                Assert.Equal(expected, viaInterface[i]);
                Assert.Equal(expected, viaVector[i]);
            }
        }

        Assert.Throws<ArgumentException>(() => model.ScoreMany(1, videos, new float[videos.Length - 1]));
    }

    [Fact]
    public void ScoreMany_DefaultInterfaceMethod_CallsScorePerVideo()
    {
        IEmbeddingModel fake = new FakeEmbeddingModel(static (u, v) => (u * 10) + v, static _ => true);
        var scores = new float[3];
        fake.ScoreMany(2, [1, 2, 3], scores);
        Assert.Equal([21f, 22f, 23f], scores);
    }

    [Fact]
    public void Rankers_UseTheBatch_AndAgreeWithThePerPairScore()
    {
        using var trainer = Trained(out var model);
        var candidates = Enumerable.Range(1, 300).Select(v => new Candidate(v, v / 300f, CandidateOrigin.Ann)).ToArray();
        var vector = new float[model.Dimension];
        Assert.True(model.TryGetUserVector(7, vector));
        var request = new FeedRequest(7, model.Catalog.RegionOfUser(7), new ManualTime(World.Start).GetUtcNow(), 10) { UserVector = vector };

        var scores = new float[candidates.Length];
        new ModelScoreRanker(model).Score(request, candidates, scores);
        for (var i = 0; i < candidates.Length; i++)
        {
            Assert.Equal(model.Score(7, candidates[i].VideoId), scores[i]);
        }

        var features = new RankingFeatureSource(model.Catalog, model, new EngagementCounters(model.Catalog));
        Span<float> perPair = stackalloc float[RankingFeatures.Count];
        Span<float> batched = stackalloc float[RankingFeatures.Count];
        for (var i = 0; i < 50; i++)
        {
            Assert.True(features.TryWrite(request, candidates[i], perPair));
            Assert.True(features.TryWrite(request, candidates[i], scores[i], batched));
            Assert.True(perPair.SequenceEqual(batched));
        }
    }

    [Fact]
    public void ModelScores_WithCatalog_SkipsUnknownVideos_AndKeepsEachScoreInItsSlot()
    {
        using var trainer = Trained(out var model);
        Candidate[] candidates = [new(5, 0, CandidateOrigin.Ann), new(999_999, 0, CandidateOrigin.Ann), new(6, 0, CandidateOrigin.Ann), new(888_888, 0, CandidateOrigin.Ann), new(7, 0, CandidateOrigin.Ann)];
        var scores = new float[candidates.Length];
        ModelScores.Fill(model, model.Catalog, 3, candidates, scores);
        Assert.Equal([model.Score(3, 5), 0f, model.Score(3, 6), 0f, model.Score(3, 7)], scores);
        Assert.All(new[] { scores[0], scores[2], scores[4] }, s => Assert.NotEqual(0f, s));
    }

    private static OnlineTrainer Trained(out TwoTowerModel model)
    {
        var world = TestWorld.Generate(World);
        var trainer = new OnlineTrainer(new InMemoryEventLog(), world.Catalog, new OnlineTrainerOptions { Model = new TwoTowerOptions { Dimension = 16, Seed = 1 } }, servingClock: new ManualTime(World.Start.AddDays(World.Days)));
        var events = world.Logged();
        for (var i = 0; i < events.Count; i += 4_096)
        {
            trainer.Apply(events.GetRange(i, Math.Min(4_096, events.Count - i)));
        }

        model = trainer.Model;
        return trainer;
    }
}
