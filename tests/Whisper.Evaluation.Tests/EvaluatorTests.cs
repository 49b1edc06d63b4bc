using Whisper.Evaluation.Splits;
using Whisper.Evaluation.Tests.Fixtures;

namespace Whisper.Evaluation.Tests;

public sealed class EvaluatorTests
{
    [Fact]
    public async Task EvaluateAsync_OneThreadOrMany_SameMetrics()
    {
        var dataset = Datasets.Build(Datasets.Catalog(120), Datasets.Random(users: 150, videos: 120, events: 12_000, days: 10, seed: 3));
        var one = new EvaluationOptions { MaxDegreeOfParallelism = 1 };
        var many = new EvaluationOptions { MaxDegreeOfParallelism = 4 };

        var a = await Evaluator.EvaluateAsync(dataset, "random", one, DefaultRecommenders.Baselines(one));
        var b = await Evaluator.EvaluateAsync(dataset, "random", many, DefaultRecommenders.Baselines(many));

        Assert.Equal(a.Recommenders.Select(r => r.Metrics), b.Recommenders.Select(r => r.Metrics));
        Assert.True(a.Split.TestUsers > 50);
    }

    [Fact]
    public async Task EvaluateAsync_RecommenderReturnsExcludedItem_Throws()
    {
        var dataset = Datasets.Build(Datasets.Catalog(40), Datasets.Random(users: 30, videos: 40, events: 2_000, days: 5, seed: 4));

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Evaluator.EvaluateAsync(dataset, "random", new EvaluationOptions(), [new Cheater()]));

        Assert.Contains("cheater", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BadOptions_ReportsEveryProblem()
    {
        var problems = new EvaluationOptions { K = 0, TestFraction = 1.5, MaxTestUsers = 0 }.Validate();

        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("K is 0", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EvaluateAsync_MaxTestUsers_SamplesThatManyDeterministically()
    {
        var dataset = Datasets.Build(Datasets.Catalog(60), Datasets.Random(users: 200, videos: 60, events: 8_000, days: 10, seed: 5));
        var options = new EvaluationOptions { MaxTestUsers = 25, Split = SplitKind.LeaveLastOut };

        var a = await Evaluator.EvaluateAsync(dataset, "random", options, DefaultRecommenders.Baselines(options));
        var b = await Evaluator.EvaluateAsync(dataset, "random", options, DefaultRecommenders.Baselines(options));

        Assert.Equal(25, a.Split.TestUsers);
        Assert.True(a.Split.TestUsersBeforeSampling > 25);
        Assert.Equal(a.Recommenders.Select(r => r.Metrics), b.Recommenders.Select(r => r.Metrics));
    }

    /// <summary>Recommends the user's own training positives.</summary>
    private sealed class Cheater : IRecommender
    {
        public string Name => "cheater";

        public IReadOnlyDictionary<string, string> Parameters { get; } = new Dictionary<string, string>();

        public Task FitAsync(TrainingSet training, IProgress<EvaluationProgress>? progress, CancellationToken cancellationToken) => Task.CompletedTask;

        public int Recommend(int user, ReadOnlySpan<int> exclude, Span<int> into, RecommendationScratch scratch)
        {
            var n = Math.Min(exclude.Length, into.Length);
            exclude[..n].CopyTo(into);
            return n;
        }
    }
}
