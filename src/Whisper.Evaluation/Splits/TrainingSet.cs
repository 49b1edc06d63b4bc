using Whisper.Evaluation.Data;

namespace Whisper.Evaluation.Splits;

/// <summary>
/// The training side of a split: which of the dataset's events train (in log order) and, derived from them, each
/// user's distinct positive items (ascending) and each item's count of distinct positive users. Immutable.
/// </summary>
public sealed class TrainingSet
{
    private readonly int[] _eventIndexes;
    private readonly int[] _offsets;
    private readonly int[] _items;
    private readonly int[] _itemPositiveUsers;

    internal TrainingSet(EvaluationDataset dataset, int[] eventIndexes)
    {
        Dataset = dataset;
        _eventIndexes = eventIndexes;
        var events = dataset.Events;
        var positives = 0;
        foreach (var i in eventIndexes)
        {
            positives += events[i].IsPositive ? 1 : 0;
        }

        var pairs = new long[positives];
        var n = 0;
        foreach (var i in eventIndexes)
        {
            if (events[i].IsPositive)
            {
                pairs[n++] = UserItemPairs.Pack(events[i].User, events[i].Item);
            }
        }

        var distinct = UserItemPairs.SortDistinct(pairs);
        (_offsets, _items) = UserItemPairs.ToRows(pairs.AsSpan(0, distinct), dataset.UserCount);
        _itemPositiveUsers = new int[dataset.ItemCount];
        foreach (var item in _items)
        {
            _itemPositiveUsers[item]++;
        }

        for (var u = 0; u < dataset.UserCount; u++)
        {
            UsersWithPositives += _offsets[u + 1] > _offsets[u] ? 1 : 0;
        }
    }

    public EvaluationDataset Dataset { get; }

    public int UserCount => Dataset.UserCount;

    public int ItemCount => Dataset.ItemCount;

    /// <summary>Indexes into <see cref="EvaluationDataset.Events"/> of the training events, ascending (log order).</summary>
    public ReadOnlySpan<int> EventIndexes => _eventIndexes;

    /// <summary>Distinct (user, item) positive pairs.</summary>
    public int PositivePairCount => _items.Length;

    public int UsersWithPositives { get; }

    /// <summary>The user's distinct positive items in training, ascending. Recommendations for the user exclude them.</summary>
    public ReadOnlySpan<int> PositivesOf(int user) => _items.AsSpan(_offsets[user], _offsets[user + 1] - _offsets[user]);

    /// <summary>Per item, how many distinct users had a training positive on it (popularity).</summary>
    public ReadOnlySpan<int> ItemPositiveUsers => _itemPositiveUsers;
}
