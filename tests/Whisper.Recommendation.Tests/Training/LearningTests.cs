using Whisper.Core.Domain;
using Whisper.Recommendation.Model;
using Whisper.Recommendation.Training;
using Whisper.World.Generation;

namespace Whisper.Recommendation.Tests.Training;

public sealed class LearningTests
{
    [Fact]
    public void Train_SmallWorld_RecoversTrueAffinityFarBetterThanPopularity()
    {
        var world = TestWorld.Generate(new WorldOptions { Users = 1_500, Videos = 2_000, Days = 20, SessionsPerUserPerDay = 0.5, Seed = 42 });
        using var trainer = new OnlineTrainer(new InMemoryEventLog(), world.Catalog, new OnlineTrainerOptions { Model = new TwoTowerOptions { Dimension = 16, Seed = 1 } });
        var events = world.Logged();
        var popularity = new float[world.Truth.Videos + 1];
        foreach (var logged in events)
        {
            var e = logged.Event;
            if (e.Kind is EventKind.Like or EventKind.Share or EventKind.Follow || (e.Kind == EventKind.View && world.Catalog.TryGetVideo(e.VideoId, out var v) && e.WatchTimeMs * 2 >= v.DurationMs))
            {
                popularity[e.VideoId]++;
            }
        }

        for (var i = 0; i < events.Count; i += 4_096)
        {
            trainer.Apply(events.GetRange(i, Math.Min(4_096, events.Count - i)));
        }

        // Pairwise agreement (AUC) with the hidden affinity over random video pairs, per user.
        var random = new Random(7);
        double model = 0, popular = 0;
        var pairs = 0;
        for (var u = 0; u < 300; u++)
        {
            var user = random.NextInt64(1, world.Truth.Users + 1);
            for (var p = 0; p < 100; p++)
            {
                var a = random.NextInt64(1, world.Truth.Videos + 1);
                var b = random.NextInt64(1, world.Truth.Videos + 1);
                var truth = world.Truth.Affinity(user, a) - world.Truth.Affinity(user, b);
                if (a == b || Math.Abs(truth) < 0.05)
                {
                    continue;
                }

                model += Agreement(truth, trainer.Model.Score(user, a) - trainer.Model.Score(user, b));
                popular += Agreement(truth, popularity[a] - popularity[b]);
                pairs++;
            }
        }

        model /= pairs;
        popular /= pairs;
        Console.WriteLine($"model AUC {model:F3} vs popularity {popular:F3}");
        Assert.True(model > 0.7 && model > popular + 0.1, $"model AUC {model:F3} vs popularity {popular:F3} over {pairs} pairs");
    }

    private static double Agreement(double truth, double predicted) =>
        predicted == 0 ? 0.5 : (truth > 0) == (predicted > 0) ? 1 : 0;
}
