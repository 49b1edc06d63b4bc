using Whisper.Evaluation.Splits;

namespace Whisper.Evaluation.Baselines;

/// <summary>
/// The same list for everyone: videos by how many distinct users had a training positive on them (ties: lower
/// index), skipping the user's own positives. Videos without a training positive are never recommended.
/// </summary>
public sealed class PopularityRecommender : IRecommender
{
    private int[] _order = [];

    public string Name => "popularity";

    public IReadOnlyDictionary<string, string> Parameters { get; } = new Dictionary<string, string>();

    /// <summary>Items with a training positive, most popular first (valid after <see cref="FitAsync"/>).</summary>
    internal ReadOnlySpan<int> Order => _order;

    public Task FitAsync(TrainingSet training, IProgress<EvaluationProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(training);
        _order = RankByPopularity(training.ItemPositiveUsers);
        return Task.CompletedTask;
    }

    public int Recommend(int user, ReadOnlySpan<int> exclude, Span<int> into, RecommendationScratch scratch) =>
        Fill(_order, exclude, into, 0);

    /// <summary>Items with a positive count, by count descending then index ascending.</summary>
    internal static int[] RankByPopularity(ReadOnlySpan<int> counts)
    {
        var keys = new List<long>();
        for (var item = 0; item < counts.Length; item++)
        {
            if (counts[item] > 0)
            {
                // Sort key: count descending, then item ascending.
                keys.Add(((long)(int.MaxValue - counts[item]) << 32) | (uint)item);
            }
        }

        var sorted = keys.ToArray();
        Array.Sort(sorted);
        var order = new int[sorted.Length];
        for (var i = 0; i < sorted.Length; i++)
        {
            order[i] = (int)(sorted[i] & 0xFFFF_FFFF);
        }

        return order;
    }

    /// <summary>Appends items from <paramref name="order"/> after position <paramref name="count"/> until full, skipping excluded and already-listed items.</summary>
    internal static int Fill(ReadOnlySpan<int> order, ReadOnlySpan<int> exclude, Span<int> into, int count)
    {
        for (var i = 0; i < order.Length && count < into.Length; i++)
        {
            var item = order[i];
            if (exclude.BinarySearch(item) < 0 && into[..count].IndexOf(item) < 0)
            {
                into[count++] = item;
            }
        }

        return count;
    }
}
