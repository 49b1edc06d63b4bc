using Whisper.Evaluation.Data;

namespace Whisper.Evaluation.Splits;

/// <summary>
/// Temporal split: cutoff = first time + (1 − testFraction) · (last time − first time), over event times (client
/// time, not log order: imports need not be in time order). Training = every event strictly before the cutoff.
/// Test = for each user with a training positive, the distinct items positive at or after the cutoff that were not
/// already positive in training.
/// </summary>
public static class TemporalSplit
{
    public static DataSplit Create(EvaluationDataset dataset, double testFraction)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (!(testFraction > 0 && testFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction, "Use a fraction in (0, 1), e.g. 0.2.");
        }

        var events = dataset.Events;
        long first = long.MaxValue, last = long.MinValue;
        foreach (ref readonly var e in events)
        {
            first = Math.Min(first, e.TimeMs);
            last = Math.Max(last, e.TimeMs);
        }

        if (events.IsEmpty)
        {
            first = last = 0;
        }

        var cutoff = first + (long)Math.Round((1 - testFraction) * (last - first));
        var train = new List<int>(events.Length);
        var testPositives = 0;
        for (var i = 0; i < events.Length; i++)
        {
            if (events[i].TimeMs < cutoff)
            {
                train.Add(i);
            }
            else if (events[i].IsPositive)
            {
                testPositives++;
            }
        }

        var training = new TrainingSet(dataset, [.. train]);
        var pairs = new long[testPositives];
        var n = 0;
        foreach (ref readonly var e in events)
        {
            if (e.TimeMs >= cutoff && e.IsPositive)
            {
                var seen = training.PositivesOf(e.User);
                if (!seen.IsEmpty && seen.BinarySearch(e.Item) < 0)
                {
                    pairs[n++] = UserItemPairs.Pack(e.User, e.Item);
                }
            }
        }

        var distinct = UserItemPairs.SortDistinct(pairs.AsSpan(0, n));
        var test = TestSet.FromSortedPairs(pairs.AsSpan(0, distinct));
        return new DataSplit(SplitKind.Temporal, training, test, testFraction, DateTimeOffset.FromUnixTimeMilliseconds(cutoff));
    }
}
