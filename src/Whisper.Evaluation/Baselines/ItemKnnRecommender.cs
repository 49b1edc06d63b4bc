using System.Globalization;

using Whisper.Evaluation.Metrics;
using Whisper.Evaluation.Splits;

namespace Whisper.Evaluation.Baselines;

/// <summary>
/// Item-based k-nearest neighbours over users' training positives (binary). Similarity is the co-occurrence
/// cosine sim(i, j) = |U_i ∩ U_j| / √(|U_i| · |U_j|); each item keeps its top <see cref="Neighbours"/> neighbours, so
/// memory is bounded by items × neighbours × 8 bytes (100k videos × 50 ≈ 40 MB). A user's score for j is the sum of
/// sim(i, j) over their positives i; lists shorter than asked are filled by popularity.
/// </summary>
public sealed class ItemKnnRecommender : IRecommender
{
    public const int DefaultNeighbours = 50;

    public const double DefaultCandidateExponent = 0.0;

    private TrainingSet? _training;
    private int[] _neighbourItems = [];
    private float[] _neighbourSims = [];
    private int[] _neighbourCounts = [];
    private int[] _popularity = [];

    public ItemKnnRecommender(int neighbours = DefaultNeighbours, double candidateExponent = DefaultCandidateExponent)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(neighbours);
        if (!(candidateExponent is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(candidateExponent), candidateExponent, "Use 0..1; 0.5 is the cosine.");
        }

        Neighbours = neighbours;
        CandidateExponent = candidateExponent;
        Parameters = new Dictionary<string, string>
        {
            ["neighbours"] = neighbours.ToString(CultureInfo.InvariantCulture),
            ["similarity"] = "asymmetric-cosine",
            ["candidateExponent"] = candidateExponent.ToString(CultureInfo.InvariantCulture),
        };
    }

    public string Name => "item-knn";

    public int Neighbours { get; }

    /// <summary>β in sim(i, j) = |U_i ∩ U_j| / (|U_i|^(1 − β) · |U_j|^β), j the candidate: 0.5 is the cosine, lower penalises popular candidates less.</summary>
    public double CandidateExponent { get; }

    public IReadOnlyDictionary<string, string> Parameters { get; }

    public Task FitAsync(TrainingSet training, IProgress<EvaluationProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(training);
        _training = training;
        _popularity = PopularityRecommender.RankByPopularity(training.ItemPositiveUsers);
        var items = training.ItemCount;
        var (userOffsets, itemUsers) = Transpose(training);
        _neighbourItems = new int[(long)items * Neighbours];
        _neighbourSims = new float[(long)items * Neighbours];
        _neighbourCounts = new int[items];
        var done = 0L;
        var options = new ParallelOptions { CancellationToken = cancellationToken };

        // Each item's row depends only on the training data, so the result is the same for any thread count.
        Parallel.For(0, items, options, () => new RowScratch(items, Neighbours), (i, _, scratch) =>
        {
            if (training.ItemPositiveUsers[i] > 0)
            {
                BuildRow(i, training, userOffsets, itemUsers, scratch);
            }

            var d = Interlocked.Increment(ref done);
            if (d % 4096 == 0)
            {
                progress?.Report(new EvaluationProgress("fit:" + Name, d, items));
            }

            return scratch;
        }, _ => { });
        progress?.Report(new EvaluationProgress("fit:" + Name, items, items));
        return Task.CompletedTask;
    }

    public int Recommend(int user, ReadOnlySpan<int> exclude, Span<int> into, RecommendationScratch scratch)
    {
        ArgumentNullException.ThrowIfNull(scratch);
        var training = _training ?? throw new InvalidOperationException("Call FitAsync first.");
        var scores = scratch.Scores;
        var touched = scratch.Items;
        var touchedCount = 0;
        foreach (var i in training.PositivesOf(user))
        {
            var row = i * Neighbours;
            for (var n = 0; n < _neighbourCounts[i]; n++)
            {
                var j = _neighbourItems[row + n];
                if (scores[j] == 0)
                {
                    touched[touchedCount++] = j;
                }

                scores[j] += _neighbourSims[row + n];
            }
        }

        var heap = new TopKHeap(scratch.HeapItems[..into.Length], scratch.HeapScores);
        for (var t = 0; t < touchedCount; t++)
        {
            var j = touched[t];
            if (exclude.BinarySearch(j) < 0)
            {
                heap.Offer(j, scores[j]);
            }

            scores[j] = 0;
        }

        var count = heap.Drain(into);
        return PopularityRecommender.Fill(_popularity, exclude, into, count);
    }

    private void BuildRow(int i, TrainingSet training, int[] userOffsets, int[] itemUsers, RowScratch scratch)
    {
        var counts = training.ItemPositiveUsers;
        var co = scratch.CoCounts;
        var touched = scratch.Touched;
        var touchedCount = 0;
        for (var k = userOffsets[i]; k < userOffsets[i + 1]; k++)
        {
            foreach (var j in training.PositivesOf(itemUsers[k]))
            {
                if (j == i)
                {
                    continue;
                }

                if (co[j]++ == 0)
                {
                    touched[touchedCount++] = j;
                }
            }
        }

        var heap = new TopKHeap(scratch.HeapItems, scratch.HeapScores);
        for (var t = 0; t < touchedCount; t++)
        {
            var j = touched[t];
            heap.Offer(j, (float)(co[j] / (Math.Pow(counts[i], 1 - CandidateExponent) * Math.Pow(counts[j], CandidateExponent))));
            co[j] = 0;
        }

        var row = i * Neighbours;
        _neighbourCounts[i] = heap.Drain(_neighbourItems.AsSpan(row, Neighbours), _neighbourSims.AsSpan(row, Neighbours));
    }

    /// <summary>Item → users with a positive on it (ascending users), as CSR.</summary>
    private static (int[] Offsets, int[] Users) Transpose(TrainingSet training)
    {
        var offsets = new int[training.ItemCount + 1];
        for (var u = 0; u < training.UserCount; u++)
        {
            foreach (var i in training.PositivesOf(u))
            {
                offsets[i + 1]++;
            }
        }

        for (var i = 0; i < training.ItemCount; i++)
        {
            offsets[i + 1] += offsets[i];
        }

        var users = new int[offsets[^1]];
        var next = offsets[..^1];
        for (var u = 0; u < training.UserCount; u++)
        {
            foreach (var i in training.PositivesOf(u))
            {
                users[next[i]++] = u;
            }
        }

        return (offsets, users);
    }

    private sealed class RowScratch(int items, int neighbours)
    {
        public int[] CoCounts { get; } = new int[items];

        public int[] Touched { get; } = new int[items];

        public int[] HeapItems { get; } = new int[neighbours];

        public float[] HeapScores { get; } = new float[neighbours];
    }
}
