using Whisper.Evaluation.Data;

namespace Whisper.Evaluation.Splits;

/// <summary>
/// Leave-last-out split: each user's last positive event (latest time; the later log position on a tie) names the
/// test item. A user becomes a test user only when they also have a positive on another item, so they have history.
/// Training = every event except the test users' events on their test item (the held-out item's impression, view
/// or like would otherwise leak it). Events of other users after that time stay in training: the split is per user,
/// not global in time.
/// </summary>
public static class LeaveLastOutSplit
{
    public static DataSplit Create(EvaluationDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var events = dataset.Events;
        var lastPositive = new int[dataset.UserCount];
        Array.Fill(lastPositive, -1);
        for (var i = 0; i < events.Length; i++)
        {
            ref readonly var e = ref events[i];
            if (e.IsPositive && (lastPositive[e.User] < 0 || e.TimeMs >= events[lastPositive[e.User]].TimeMs))
            {
                lastPositive[e.User] = i;
            }
        }

        // A user qualifies when some positive is on an item other than the last one.
        var heldOut = new int[dataset.UserCount];
        Array.Fill(heldOut, -1);
        foreach (ref readonly var e in events)
        {
            var last = lastPositive[e.User];
            if (e.IsPositive && last >= 0 && events[last].Item != e.Item)
            {
                heldOut[e.User] = events[last].Item;
            }
        }

        var train = new List<int>(events.Length);
        for (var i = 0; i < events.Length; i++)
        {
            if (heldOut[events[i].User] != events[i].Item)
            {
                train.Add(i);
            }
        }

        var pairs = new List<long>();
        for (var u = 0; u < heldOut.Length; u++)
        {
            if (heldOut[u] >= 0)
            {
                pairs.Add(UserItemPairs.Pack(u, heldOut[u]));
            }
        }

        var training = new TrainingSet(dataset, [.. train]);
        return new DataSplit(SplitKind.LeaveLastOut, training, TestSet.FromSortedPairs(pairs.ToArray()), null, null);
    }
}
