using System.Globalization;
using System.Text;

using Whisper.Evaluation.Splits;
using Whisper.Evaluation.Tests.Fixtures;
using Whisper.World.Import;

using Xunit.Abstractions;

namespace Whisper.Evaluation.Tests.Data;

public sealed class MovieLensPipelineTests(ITestOutputHelper output)
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
    /// The requirement on MovieLens-format data: a genre-structured ratings.csv (<see cref="GenreRatings"/>,
    /// 2,000 users, 1,000 movies) imported like a real one, leave-last-out (the usual MovieLens protocol; the temporal
    /// split of this sample keeps only 11 test users). Measured (NDCG@10): whisper 0.1336 vs item-knn 0.1297, bpr-mf
    /// 0.1265 (seed 2: 0.1477 vs 0.1440, 0.1315; seed 3: 0.1456 vs 0.1396, 0.1341). Settings and blend weights are
    /// chosen inside the run on a leave-last-out validation carve of the training set (each user's last training
    /// positive), never on this split; docs/evaluation.md also discloses what was looked at while developing it. The margin is small (an oracle that knows the generator's genres scores
    /// 0.1356), so this guards the protocol as much as the engine. The import gives every movie one placeholder creator
    /// and hashtag, so the video tower is the video row alone.
    /// </summary>
    [Fact]
    public async Task Whisper_MovieLensFormat_BeatsEveryBaselineOnNdcg()
    {
        await using var temp = await TempStore.CreateAsync();
        var ratings = temp.PathOf("ratings.csv");
        await File.WriteAllTextAsync(ratings, GenreRatings(users: 2_000, movies: 1_000, seed: 1));
        await new MovieLensImporter().ImportAsync(ratings, temp.Store);
        var options = new EvaluationOptions { Split = SplitKind.LeaveLastOut };

        var report = await Evaluator.EvaluateStoreAsync(temp.Store, "movielens", options, DefaultRecommenders.All(options));

        foreach (var r in report.Recommenders)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{r.Name}: NDCG@10 {r.Metrics.Ndcg:F4}, Recall@50 {r.Metrics.RecallAt50:F4}, fit {r.FitSeconds:F1} s"));
        }

        output.WriteLine("whisper: " + string.Join(", ", report.Recommenders.Single(r => r.Name == "whisper").Parameters.Where(p => p.Key != "validation").Select(p => $"{p.Key}={p.Value}")));
        var whisper = report.Recommenders.Single(r => r.Name == "whisper").Metrics.Ndcg;
        foreach (var baseline in report.Recommenders.Where(r => r.Name != "whisper"))
        {
            Assert.True(whisper > baseline.Metrics.Ndcg, $"whisper {whisper:F4} vs {baseline.Name} {baseline.Metrics.Ndcg:F4}");
        }
    }

    /// <summary>
    /// A ratings.csv where personalisation pays: 8 genres, Zipf(0.8) movie popularity, each user 1–2 favourite genres;
    /// 70% of a user's picks come from their favourites (by popularity), 30% from everything; ratings are 4–5 (80%) or
    /// 3 in a favourite genre and 1–3.5 elsewhere; 10 + Exp(40) ratings per user, hours to days apart, users starting
    /// anywhere in the first 70% of a year.
    /// </summary>
    internal static string GenreRatings(int users, int movies, int seed)
    {
        const int genres = 8;
        var random = new Random(seed);
        var genreOf = new int[movies + 1];
        var popularity = new double[movies + 1];
        var byGenre = Enumerable.Range(0, genres).Select(_ => new List<int>()).ToArray();
        for (var m = 1; m <= movies; m++)
        {
            genreOf[m] = random.Next(genres);
            popularity[m] = 1.0 / Math.Pow(random.Next(1, movies + 1), 0.8);
            byGenre[genreOf[m]].Add(m);
        }

        var all = Enumerable.Range(1, movies).ToList();
        var text = new StringBuilder("userId,movieId,rating,timestamp\n");
        const long start = 1_500_000_000L;
        const long span = 365L * 86_400;
        for (var u = 1; u <= users; u++)
        {
            var favourite = random.Next(genres);
            var second = random.NextDouble() < 0.5 ? random.Next(genres) : favourite;
            var count = 10 + (int)(-Math.Log(1 - random.NextDouble()) * 40);
            var time = start + (long)(random.NextDouble() * span * 0.7);
            var seen = new HashSet<int>();
            for (var k = 0; k < count && seen.Count < movies; k++)
            {
                var m = random.NextDouble() < 0.7
                    ? Pick(byGenre[random.NextDouble() < 0.65 ? favourite : second], popularity, random)
                    : Pick(all, popularity, random);
                if (!seen.Add(m))
                {
                    continue;
                }

                var liked = genreOf[m] == favourite || genreOf[m] == second;
                var rating = liked ? (random.NextDouble() < 0.8 ? 4 + (random.Next(3) * 0.5) : 3) : 1 + (random.Next(6) * 0.5);
                time += random.Next(3_600, 86_400 * 4);
                text.Append(CultureInfo.InvariantCulture, $"{u},{m},{rating:0.0},{time}\n");
            }
        }

        return text.ToString();
    }

    private static int Pick(List<int> items, double[] popularity, Random random)
    {
        var total = 0.0;
        foreach (var i in items)
        {
            total += popularity[i];
        }

        var x = random.NextDouble() * total;
        foreach (var i in items)
        {
            x -= popularity[i];
            if (x <= 0)
            {
                return i;
            }
        }

        return items[^1];
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
