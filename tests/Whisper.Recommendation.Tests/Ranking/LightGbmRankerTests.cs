using System.Globalization;

using Microsoft.ML;

using Whisper.Core.Domain;
using Whisper.Recommendation.Candidates;
using Whisper.Recommendation.Ranking;

using Xunit.Abstractions;

namespace Whisper.Recommendation.Tests.Ranking;

public sealed class LightGbmRankerTests(RankingWorld world, ITestOutputHelper output) : IClassFixture<RankingWorld>
{
    [Fact]
    public void Train_SmallWorld_LongWatchAucBeatsModelScoreAndRandom()
    {
        var report = world.Training.Report;
        var holdout = Enumerable.Range(report.TrainRows, report.HoldoutRows).ToArray();
        var labels = holdout.Select(i => world.Dataset.Label(i, RankingObjective.LongWatch)).ToArray();
        var rng = new Random(1);
        var randomAuc = Auc.Compute(holdout.Select(_ => (float)rng.NextDouble()).ToArray(), labels);
        foreach (var o in report.Objectives)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{o.Objective}: trained={o.Trained} trainPos={o.TrainPositives} holdoutPos={o.HoldoutPositives} lightgbm={o.LightGbmAuc:F4} modelScore={o.ModelScoreAuc:F4}"));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"rows train={report.TrainRows} holdout={report.HoldoutRows} random={randomAuc:F4} serving={report.Serving} elapsed={report.Elapsed.TotalSeconds:F1}s"));

        var longWatch = report[RankingObjective.LongWatch];
        Assert.True(longWatch.Trained);
        Assert.True(longWatch.LightGbmAuc > longWatch.ModelScoreAuc + 0.01, $"LightGBM {longWatch.LightGbmAuc:F4} vs model score {longWatch.ModelScoreAuc:F4}");
        Assert.True(longWatch.LightGbmAuc > randomAuc + 0.1, $"LightGBM {longWatch.LightGbmAuc:F4} vs random {randomAuc:F4}");
        Assert.InRange(randomAuc, 0.45, 0.55);
        Assert.Equal("lightgbm", report.Serving);
        Assert.Same(world.Training.Ranker, world.Training.Serving);
    }

    [Fact]
    public void Train_TimeOrderedSplit_HoldoutIsTheLatestImpressions()
    {
        var report = world.Training.Report;

        Assert.Equal(world.Dataset.Rows, report.TrainRows + report.HoldoutRows);
        Assert.Equal(Math.Round(world.Dataset.Rows * RankingWorld.Options.HoldoutFraction), report.HoldoutRows);
    }

    [Fact]
    public void CompiledTrees_MatchMlNetPredictionEngine()
    {
        var ml = new MLContext(seed: 0);
        var transformer = world.Training.Transformers[(int)RankingObjective.LongWatch]!;
        var engine = ml.Model.CreatePredictionEngine<LightGbmRankerTrainer.TrainingRow, Prediction>(transformer);
        var ranker = world.Training.Ranker!;
        for (var i = world.Training.Report.TrainRows; i < world.Dataset.Rows; i += 97)
        {
            var row = world.Dataset.Row(i).ToArray();
            var expected = engine.Predict(new LightGbmRankerTrainer.TrainingRow { Features = row }).Probability;

            Assert.Equal(expected, ranker.Predict(RankingObjective.LongWatch, row), 1e-5f); // tolerance, not rounding: 0.627084970 vs 0.627085030 round apart
        }
    }

    [Fact]
    public void CompiledTrees_BatchOfRows_EqualsOneRowAtATime()
    {
        var trees = CompiledTreeEnsemble.From(world.Training.Transformers[(int)RankingObjective.LongWatch]!.Model);
        const int Count = 203; // not a multiple of the eight lanes: the remainder path runs too
        var rows = new float[Count * RankingFeatures.Count];
        for (var i = 0; i < Count; i++)
        {
            world.Dataset.Row(i * 7).CopyTo(rows.AsSpan(i * RankingFeatures.Count));
        }

        var batch = new float[Count];
        trees.Probabilities(rows, Count, new double[Count], batch);

        for (var i = 0; i < Count; i++)
        {
            Assert.Equal(trees.Probability(rows.AsSpan(i * RankingFeatures.Count, RankingFeatures.Count)), batch[i]);
        }

        Assert.True(batch.Distinct().Count() > Count / 4, "the rows take different paths through the trees");
    }

    [Fact]
    public void CompiledTrees_RowsTooShort_Throw()
    {
        var trees = CompiledTreeEnsemble.From(world.Training.Transformers[(int)RankingObjective.LongWatch]!.Model);

        Assert.Throws<ArgumentException>(() => trees.Probability(new float[3]));
        Assert.Throws<ArgumentException>(() => trees.Probabilities(new float[RankingFeatures.Count], 2, new double[2], new float[2]));
    }

    [Fact]
    public void Train_SameDataAndSeed_SameModel()
    {
        var again = LightGbmRankerTrainer.Train(world.Dataset, world.Features, RankingWorld.Options);

        Assert.Equal(world.Training.Ranker!.Version, again.Ranker!.Version);
        for (var i = 0; i < world.Dataset.Rows; i += 501)
        {
            Assert.Equal(world.Training.Ranker.Combine(world.Dataset.Row(i)), again.Ranker.Combine(world.Dataset.Row(i)));
        }
    }

    [Fact]
    public void WithWeights_DifferentObjectiveWeights_ChangeTheOrder()
    {
        var ranker = world.Training.Ranker!;
        Assert.True(ranker.IsTrained(RankingObjective.Follow));
        var watchOnly = ranker.WithWeights(new RankerOptions { LongWatchWeight = 1, LikeWeight = 0, ShareWeight = 0, FollowWeight = 0 });
        var followOnly = ranker.WithWeights(new RankerOptions { LongWatchWeight = 0, LikeWeight = 0, ShareWeight = 0, FollowWeight = 1 });
        var request = new FeedRequest(5, Regions.Us, RankingWorld.WorldOptions.Start.AddDays(RankingWorld.WorldOptions.Days), 10) { UserVector = [1, 1, 1, 1] };
        var candidates = Enumerable.Range(1, 200).Select(v => new Candidate(v, 0, CandidateOrigin.Ann)).ToArray();
        var byWatch = new float[candidates.Length];
        var byFollow = new float[candidates.Length];

        watchOnly.Score(request, candidates, byWatch);
        followOnly.Score(request, candidates, byFollow);

        var top = (float[] s) => Enumerable.Range(0, s.Length).OrderByDescending(i => s[i]).Take(20).ToArray();
        Assert.NotEqual(top(byWatch), top(byFollow));
        var row = new float[RankingFeatures.Count];
        Assert.True(world.Features.TryWrite(request, candidates[0], row));
        Assert.Equal(ranker.Predict(RankingObjective.LongWatch, row), byWatch[0], 5);
        Assert.Equal(ranker.Predict(RankingObjective.Follow, row), byFollow[0], 5);
    }

    [Fact]
    public void Score_UnknownVideo_RanksLast()
    {
        var request = new FeedRequest(5, Regions.Us, RankingWorld.WorldOptions.Start, 10) { UserVector = [1, 1, 1, 1] };
        var scores = new float[2];

        world.Training.Ranker!.Score(request, [new Candidate(1, 0, CandidateOrigin.Ann), new Candidate(999_999, 0, CandidateOrigin.Ann)], scores);

        Assert.Equal(float.NegativeInfinity, scores[1]);
        Assert.True(float.IsFinite(scores[0]));
    }

    [Fact]
    public void Score_WithGivenModelScores_EqualsScoreThatComputesThem_AndUsesTheGivenOnes()
    {
        var ranker = world.Training.Ranker!;
        var request = new FeedRequest(5, Regions.Us, RankingWorld.WorldOptions.Start.AddDays(RankingWorld.WorldOptions.Days), 10) { UserVector = [1, 1, 1, 1] };
        var candidates = Enumerable.Range(1, 64).Select(v => new Candidate(v, 0, CandidateOrigin.Ann)).ToArray();
        var modelScores = candidates.Select(c => world.Features.Model.Score(request.UserId, c.VideoId)).ToArray();
        var computed = new float[candidates.Length];
        var given = new float[candidates.Length];
        var shifted = new float[candidates.Length];

        ranker.Score(request, candidates, computed);
        ((IRanker)ranker).Score(request, candidates, modelScores, given);
        ((IRanker)ranker).Score(request, candidates, modelScores.Select(m => m + 5f).ToArray(), shifted);

        Assert.Equal(computed, given);
        Assert.NotEqual(given, shifted); // the given scores are the model_score feature, not recomputed
    }

    private sealed class Prediction
    {
        public bool PredictedLabel { get; set; }

        public float Probability { get; set; }
    }
}
