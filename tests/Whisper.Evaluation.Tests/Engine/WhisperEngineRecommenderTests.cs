using Whisper.Evaluation.Engine;
using Whisper.Evaluation.Splits;
using Whisper.Evaluation.Tests.Fixtures;

using Xunit.Abstractions;

namespace Whisper.Evaluation.Tests.Engine;

[Collection(SmallWorld.Collection)]
public sealed class WhisperEngineRecommenderTests(SmallWorld world, ITestOutputHelper output)
{
    /// <summary>The issue's requirement on the small world (temporal, NDCG@10). Measured: whisper 0.0586, item-knn 0.0371,
    /// bpr-mf 0.0304, popularity 0.0187, random 0.0035 (docs/evaluation.md, "Measured"). Hyper-parameters and blend
    /// weights were chosen on a validation slice of the training period, never on this split.</summary>
    [Fact]
    public void Whisper_SmallWorld_BeatsEveryBaselineOnNdcg()
    {
        foreach (var r in world.Report.Recommenders)
        {
            output.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{r.Name}: NDCG@10 {r.Metrics.Ndcg:F4}, Recall@50 {r.Metrics.RecallAt50:F4}, fit {r.FitSeconds:F1} s"));
        }

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
        Assert.Equal(EngineScorer.FeatureNames, whisper.Parameters["blendFeatures"].Split(' '));
        var weights = whisper.Parameters["blendWeights"].Split(' ').Select(w => double.Parse(w, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(EngineScorer.FeatureCount, weights.Length);
        Assert.Equal(1, weights[0]);
        Assert.Contains(weights[1..], w => w != 0);
        Assert.True(whisper.Parameters["blendFit"] is "logistic" or "ndcg-search", whisper.Parameters["blendFit"]);
        Assert.Equal("temporal", whisper.Parameters["validationSplit"]);
    }

    [Fact]
    public async Task EngineScorer_UserScoreMoments_MatchAPassOverEveryKnownVideo()
    {
        var split = TemporalSplit.Create(world.Dataset, 0.2);
        var scorer = await TrainOneEpochAsync(split.Training);
        var userVector = new float[scorer.Model.Dimension];
        foreach (var user in split.Test.Users[..20])
        {
            scorer.UserVector(user, userVector);
            var scores = Enumerable.Range(0, scorer.ItemCount).Where(scorer.IsKnown).Select(i => (double)scorer.ModelScore(userVector, i)).ToArray();
            var mean = scores.Average();
            var sd = Math.Sqrt(scores.Select(x => (x - mean) * (x - mean)).Average());
            var (m, s) = scorer.UserScoreMoments(userVector);
            Assert.Equal(mean, m, 3);
            Assert.Equal(sd, s, 3);
        }
    }

    [Fact]
    public async Task BlendValidation_ModelOnlyPoolNdcg_IsTheExactRankingsAndSearchNeverLowersIt()
    {
        var split = TemporalSplit.Create(world.Dataset, 0.2);
        var scorer = await TrainOneEpochAsync(split.Training);
        var test = split.Test;
        var pairs = new List<long>();
        for (var p = 0; p < test.UserCount; p++)
        {
            foreach (var item in test.RelevantAt(p))
            {
                pairs.Add(((long)test.Users[p] << 32) | (uint)item);
            }
        }

        long[] sorted = [.. pairs.Order()];
        var validation = BlendValidation.Prepare(scorer, split.Training, sorted, maxUsers: 300);
        double[] modelOnly = [1, .. new double[EngineScorer.FeatureCount - 1]];

        // The same users Prepare takes (evenly spaced), ranked over every video by the recommender's own path.
        var users = test.Users.ToArray().Order().ToArray();
        var take = Math.Min(users.Length, 300);
        var prior = scorer.ItemPriorScores(modelOnly);
        var (heapItems, heapScores, top, userVector) = (new int[10], new float[10], new int[10], new float[scorer.Model.Dimension]);
        var exact = 0.0;
        for (var t = 0; t < take; t++)
        {
            var user = users[(int)(t * ((double)users.Length / take))];
            scorer.UserVector(user, userVector);
            var heap = new Whisper.Evaluation.Metrics.TopKHeap(heapItems, heapScores);
            scorer.Rank(user, userVector, prior, 0f, blend: false, split.Training.PositivesOf(user), ref heap);
            var n = heap.Drain(top);
            var relevant = sorted.Where(p => (int)(p >> 32) == user).Select(p => (int)(p & 0xFFFF_FFFF)).ToArray();
            var dcg = 0.0;
            for (var k = 0; k < n; k++)
            {
                dcg += Array.BinarySearch(relevant, top[k]) >= 0 ? 1 / Math.Log2(k + 2) : 0;
            }

            exact += dcg / BlendValidation.IdealDcg(relevant.Length);
        }

        Assert.Equal(take, validation.Users);
        Assert.Equal(exact / take, validation.Ndcg(modelOnly), 9);
        var searched = validation.Search(null);
        Assert.Equal(1, searched[0]);
        Assert.True(validation.Ndcg(searched) >= validation.Ndcg(modelOnly));
        Assert.Equal(validation.Ndcg(modelOnly), validation.NdcgPerUser(modelOnly).Average(), 9);
        Assert.All(validation.CrossFittedNdcgPerUser(), v => Assert.InRange(v, 0, 1));
    }

    [Fact]
    public void BlendWeights_Fit_RecoversTheDirectionOfAKnownLogisticModel()
    {
        // y ~ Bernoulli(σ(2·x0 − 1·x1 + 0·x2)), x standard normal: the fitted weights keep the ratio and ignore x2.
        var random = new Random(7);
        const int n = 20_000;
        var x = new float[n * 3];
        var y = new byte[n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < 3; j++)
            {
                x[(i * 3) + j] = (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
            }

            var z = (2 * x[i * 3]) - x[(i * 3) + 1];
            y[i] = random.NextDouble() < 1 / (1 + Math.Exp(-z)) ? (byte)1 : (byte)0;
        }

        var w = BlendWeights.Fit(x, y, 3);

        Assert.InRange(w[0], 1.8, 2.2);
        Assert.InRange(w[1], -1.1, -0.9);
        Assert.InRange(w[2], -0.1, 0.1);
    }

    [Fact]
    public void EnginePriors_ItemZScores_AreStandardisedPerFeature()
    {
        var split = TemporalSplit.Create(world.Dataset, 0.2);
        var priors = EnginePriors.Compute(split.Training);
        var f = EnginePriors.ItemFeatureNames.Count;
        var items = world.Dataset.ItemCount;
        for (var k = 0; k < f; k++)
        {
            var column = Enumerable.Range(0, items).Select(i => (double)priors.ItemZScores[(i * f) + k]).ToArray();
            Assert.Equal(0, column.Average(), 4);
            Assert.Equal(1, Math.Sqrt(column.Select(v => v * v).Average()), 3);
        }
    }

    private static async Task<EngineScorer> TrainOneEpochAsync(TrainingSet training)
    {
        var options = new Whisper.Recommendation.Training.OnlineTrainerOptions();
        using var trainer = await Whisper.Recommendation.Training.OnlineTrainer.TrainFromScratchAsync(new TrainingEventLog(training), training.Dataset.Catalog, options);
        return EngineScorer.Create(training, trainer.Model);
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
