using System.Globalization;
using System.Text;

using Whisper.Evaluation.Splits;
using Whisper.Evaluation.Tests.Fixtures;
using Whisper.World.Import;

namespace Whisper.Evaluation.Tests.Data;

public sealed class MovieLensPipelineTests
{
    [Theory]
    [InlineData(SplitKind.Temporal)]
    [InlineData(SplitKind.LeaveLastOut)]
    public async Task EvaluateStoreAsync_ImportedMovieLensFile_ReportsEveryMetricInZeroToOne(SplitKind split)
    {
        await using var temp = await TempStore.CreateAsync();
        var ratings = temp.PathOf("ratings.csv");
        await File.WriteAllTextAsync(ratings, Ratings(users: 120, movies: 80, perUser: 25, seed: 1));
        await new MovieLensImporter().ImportAsync(ratings, temp.Store);
        var options = new EvaluationOptions { Split = split };

        var report = await Evaluator.EvaluateStoreAsync(temp.Store, "movielens", options, DefaultRecommenders.Baselines(options));

        Assert.Equal(120, report.Dataset.Users);
        Assert.Equal(80, report.Dataset.Videos);
        Assert.Equal(1, report.Dataset.Creators);
        Assert.True(report.Split.TestUsers > 10, $"{report.Split.TestUsers} test users");
        Assert.Equal(["random", "popularity", "item-knn", "bpr-mf"], report.Recommenders.Select(r => r.Name));
        foreach (var r in report.Recommenders)
        {
            var m = r.Metrics;
            Assert.All(new[] { m.Ndcg, m.Recall, m.RecallAt50, m.Mrr, m.Coverage, m.CreatorGini }, v => Assert.InRange(v, 0, 1));
            Assert.Equal(report.Split.TestUsers, m.Users);
        }

        Assert.True(report.Recommenders.Single(r => r.Name == "popularity").Metrics.Ndcg > 0);
    }

    /// <summary>
    /// A ratings.csv with taste structure: users and movies each belong to one of four genres; a user rates
    /// <paramref name="perUser"/> movies, high (4–5) in their genre and low (1–3) elsewhere, at increasing times.
    /// </summary>
    internal static string Ratings(int users, int movies, int perUser, int seed)
    {
        var random = new Random(seed);
        var text = new StringBuilder("userId,movieId,rating,timestamp\n");
        for (var u = 1; u <= users; u++)
        {
            var time = 964_982_703L + (u * 60L);
            var picked = new HashSet<int>();
            while (picked.Count < perUser)
            {
                var m = random.Next(1, movies + 1);
                if (!picked.Add(m))
                {
                    continue;
                }

                var rating = m % 4 == u % 4 ? 4 + (random.Next(2) * 1.0) : 1 + random.Next(5) * 0.5;
                time += random.Next(1, 86_400);
                text.Append(CultureInfo.InvariantCulture, $"{u},{m},{rating:0.0},{time}\n");
            }
        }

        return text.ToString();
    }
}
