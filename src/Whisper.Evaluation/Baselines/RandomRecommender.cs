using System.Globalization;

using Whisper.Evaluation.Splits;

namespace Whisper.Evaluation.Baselines;

/// <summary>
/// Uniformly random videos from the whole catalog (minus the user's training positives): the floor every other
/// recommender must clear. The stream is derived from (seed, user), so results do not depend on threads.
/// </summary>
public sealed class RandomRecommender(long seed) : IRecommender
{
    private int _itemCount;

    public string Name => "random";

    public IReadOnlyDictionary<string, string> Parameters { get; } = new Dictionary<string, string>
    {
        ["seed"] = seed.ToString(CultureInfo.InvariantCulture),
    };

    public Task FitAsync(TrainingSet training, IProgress<EvaluationProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(training);
        _itemCount = training.ItemCount;
        return Task.CompletedTask;
    }

    public int Recommend(int user, ReadOnlySpan<int> exclude, Span<int> into, RecommendationScratch scratch)
    {
        ArgumentNullException.ThrowIfNull(scratch);
        var random = new SplitMix64(SplitMix64.Mix((ulong)seed ^ ((ulong)(user + 1) * 0xD6E8_FEB8_6659_FD93UL)));
        var available = _itemCount - exclude.Length;
        var n = Math.Min(into.Length, available);
        if (n <= 0)
        {
            return 0;
        }

        if (available <= 4 * n)
        {
            // Small catalog: partial Fisher-Yates over the allowed items.
            var pool = scratch.Items;
            var m = 0;
            for (var item = 0; item < _itemCount; item++)
            {
                if (exclude.BinarySearch(item) < 0)
                {
                    pool[m++] = item;
                }
            }

            for (var i = 0; i < n; i++)
            {
                var j = i + random.NextInt(m - i);
                (pool[i], pool[j]) = (pool[j], pool[i]);
                into[i] = pool[i];
            }

            return n;
        }

        // Large catalog: rejection (at most a quarter of draws can be rejected for repeats or exclusions).
        var count = 0;
        while (count < n)
        {
            var item = random.NextInt(_itemCount);
            if (exclude.BinarySearch(item) < 0 && into[..count].IndexOf(item) < 0)
            {
                into[count++] = item;
            }
        }

        return count;
    }
}
