using Whisper.Evaluation.Splits;
using Whisper.Recommendation.Model;

namespace Whisper.Evaluation.Lab;

/// <summary>
/// A trained embedding snapshot as a lab region serves it: the model plus, per dense user and video, the time of the
/// last event it trained on — what an embedding-row TTL is measured from, and what tells a stale snapshot from a current one.
/// </summary>
public sealed class LabSnapshot
{
    /// <summary>"Never trained on": the row has no last-seen time.</summary>
    public const long None = long.MinValue;

    private readonly long[] _userLastSeen;
    private readonly long[] _itemLastSeen;

    private LabSnapshot(TwoTowerModel model, long[] userLastSeen, long[] itemLastSeen, long trainedEvents, long trainedThroughMs)
    {
        Model = model;
        _userLastSeen = userLastSeen;
        _itemLastSeen = itemLastSeen;
        TrainedEvents = trainedEvents;
        TrainedThroughMs = trainedThroughMs;
        UserRows = userLastSeen.Count(t => t != None);
        ItemRows = itemLastSeen.Count(t => t != None);
    }

    public TwoTowerModel Model { get; }

    /// <summary>Events the snapshot trained on (its log position in the training split).</summary>
    public long TrainedEvents { get; }

    /// <summary>Time of the newest event trained on, Unix ms (<see cref="None"/> for an untrained snapshot).</summary>
    public long TrainedThroughMs { get; }

    /// <summary>Users with a trained row.</summary>
    public int UserRows { get; }

    /// <summary>Videos with a trained row.</summary>
    public int ItemRows { get; }

    public long UserLastSeen(int user) => _userLastSeen[user];

    public long ItemLastSeen(int item) => _itemLastSeen[item];

    public static LabSnapshot Of(TwoTowerModel model, TrainingSet set)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(set);
        var dataset = set.Dataset;
        var users = new long[dataset.UserCount];
        var items = new long[dataset.ItemCount];
        Array.Fill(users, None);
        Array.Fill(items, None);
        var through = None;
        foreach (var i in set.EventIndexes)
        {
            ref readonly var e = ref dataset.Events[i];
            users[e.User] = Math.Max(users[e.User], e.TimeMs);
            items[e.Item] = Math.Max(items[e.Item], e.TimeMs);
            through = Math.Max(through, e.TimeMs);
        }

        return new LabSnapshot(model, users, items, set.EventIndexes.Length, through);
    }
}
