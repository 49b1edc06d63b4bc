using Whisper.Evaluation.Engine;
using Whisper.Evaluation.Splits;
using Whisper.Evaluation.Tests.Fixtures;

namespace Whisper.Evaluation.Tests.Engine;

[Collection(SmallWorld.Collection)]
public sealed class WhisperEngineRecommenderTests(SmallWorld world)
{
    /// <summary>The issue's requirement on the small world (temporal, NDCG@10). Measured: whisper 0.0582, item-knn 0.0371,
    /// bpr-mf 0.0304, popularity 0.0187, random 0.0035 (docs/evaluation.md, "Measured"). Hyper-parameters and blend
    /// weights were chosen on a validation slice of the training period, never on this split.</summary>
    [Fact]
    public void Whisper_SmallWorld_BeatsEveryBaselineOnNdcg()
    {
        var whisper = world.Report.Recommenders.Single(r => r.Name == "whisper").Metrics.Ndcg;
        foreach (var baseline in world.Report.Recommenders.Where(r => r.Name != "whisper"))
        {
            Assert.True(whisper > baseline.Metrics.Ndcg, $"whisper {whisper:F4} vs {baseline.Name} {baseline.Metrics.Ndcg:F4}");
        }
    }

    [Fact]
    public void Whisper_SmallWorld_BeatsPopularityAndRandom()
    {
        var ndcg = world.Report.Recommenders.ToDictionary(r => r.Name, r => r.Metrics.Ndcg);
        Assert.True(ndcg["whisper"] > ndcg["popularity"], $"whisper {ndcg["whisper"]:F4} vs popularity {ndcg["popularity"]:F4}");
        Assert.True(ndcg["whisper"] > 3 * ndcg["random"], $"whisper {ndcg["whisper"]:F4} vs random {ndcg["random"]:F4}");
    }

    [Fact]
    public void Whisper_SmallWorld_ReportsFittedBlendAndAlignedLongWatch()
    {
        var whisper = world.Report.Recommenders.Single(r => r.Name == "whisper");
        Assert.Equal("0.8", whisper.Parameters["longWatchFraction"]);
        Assert.Equal(5, whisper.Parameters["blendWeights"].Split(' ').Length);
        Assert.NotEqual("1 0 0 0 0", whisper.Parameters["blendWeights"]);
    }

    [Fact]
    public void RelevanceRule_AndTrainer_ShareOneLongWatchThreshold() =>
        Assert.Equal(Whisper.Recommendation.Model.TwoTowerOptions.DefaultLongWatchFraction, (float)Whisper.Evaluation.Data.RelevanceRule.DefaultLongWatchFraction);

    [Fact]
    public async Task TrainingEventLog_TemporalSplit_ServesOnlyTrainingEventsDenselyInLogOrder()
    {
        var split = TemporalSplit.Create(world.Dataset, 0.2);
        var log = new TrainingEventLog(split.Training);
        var read = new List<Whisper.Core.Domain.LoggedEvent>();
        while (await log.ReadAsync(read.Count, 10_000, read) > 0)
        {
        }

        Assert.Equal(split.Training.EventIndexes.Length, read.Count);
        Assert.Equal(read.Count, await log.GetHeadAsync());
        for (var i = 0; i < read.Count; i++)
        {
            Assert.Equal(i + 1, read[i].Sequence);
            Assert.True(read[i].Event.OccurredAt < split.Cutoff, "no test-period event reaches the trainer");
        }
    }
}
