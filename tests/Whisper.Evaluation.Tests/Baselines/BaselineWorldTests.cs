using Whisper.Evaluation.Reports;
using Whisper.Evaluation.Tests.Fixtures;

using Xunit.Abstractions;

namespace Whisper.Evaluation.Tests.Baselines;

/// <summary>On the small fixed world (real taste structure), personalised baselines beat popularity, which beats chance.</summary>
[Collection(SmallWorld.Collection)]
public sealed class BaselineWorldTests(SmallWorld world, ITestOutputHelper output)
{
    [Fact]
    public void ItemKnn_SmallWorld_BeatsPopularityOnNdcg()
    {
        Print();
        Assert.True(Ndcg("item-knn") > Ndcg("popularity"), $"item-knn {Ndcg("item-knn"):F4} vs popularity {Ndcg("popularity"):F4}");
    }

    [Fact]
    public void BprMf_SmallWorld_BeatsPopularityOnNdcg()
    {
        Assert.True(Ndcg("bpr-mf") > Ndcg("popularity"), $"bpr-mf {Ndcg("bpr-mf"):F4} vs popularity {Ndcg("popularity"):F4}");
    }

    [Fact]
    public void Popularity_SmallWorld_BeatsRandomOnNdcg()
    {
        Assert.True(Ndcg("popularity") > 2 * Ndcg("random"), $"popularity {Ndcg("popularity"):F4} vs random {Ndcg("random"):F4}");
    }

    [Fact]
    public void Report_SmallWorld_HasEnoughTestUsersAndSaneMetrics()
    {
        var report = world.Report;
        Assert.True(report.Split.TestUsers > 500, $"{report.Split.TestUsers} test users");
        foreach (var r in report.Recommenders)
        {
            var m = r.Metrics;
            Assert.All(new[] { m.Ndcg, m.Recall, m.RecallAt50, m.Mrr, m.Coverage, m.CreatorGini }, v => Assert.InRange(v, 0, 1));
            Assert.True(m.RecallAt50 >= m.Recall, r.Name);
        }

        var popularity = Result("popularity").Metrics;
        var random = Result("random").Metrics;
        Assert.True(popularity.Coverage < random.Coverage, "one list for everyone covers less than random lists");
        Assert.True(popularity.CreatorGini > random.CreatorGini, "popularity concentrates exposure on fewer creators");
    }

    private double Ndcg(string name) => Result(name).Metrics.Ndcg;

    private RecommenderResult Result(string name) => world.Report.Recommenders.Single(r => r.Name == name);

    private void Print()
    {
        foreach (var r in world.Report.Recommenders)
        {
            var m = r.Metrics;
            output.WriteLine($"{r.Name,-12} ndcg@10 {m.Ndcg:F4} recall@10 {m.Recall:F4} recall@50 {m.RecallAt50:F4} mrr {m.Mrr:F4} coverage {m.Coverage:F4} gini {m.CreatorGini:F4} fit {r.FitSeconds:F2}s rec {r.RecommendSeconds:F2}s");
        }

        output.WriteLine($"test users {world.Report.Split.TestUsers}, train positives {world.Report.Split.TrainPositivePairs}, events {world.Report.Dataset.Events}");
    }
}
