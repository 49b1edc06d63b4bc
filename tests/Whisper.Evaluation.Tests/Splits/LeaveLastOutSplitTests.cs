using Whisper.Core.Domain;
using Whisper.Evaluation.Splits;
using Whisper.Evaluation.Tests.Fixtures;

namespace Whisper.Evaluation.Tests.Splits;

public sealed class LeaveLastOutSplitTests
{
    [Fact]
    public void Create_HandMadeLog_HoldsOutEachUsersLastPositiveAndItsEvents()
    {
        var dataset = Datasets.Build(Datasets.Catalog(10),
        [
            Datasets.Event(1, 1, EventKind.Like, 1),
            Datasets.Event(1, 2, EventKind.Impression, 4),
            Datasets.LongView(1, 2, 5),                        // user 1's last positive: video 2
            Datasets.Event(1, 4, EventKind.Like, 3),           // earlier in time, later in the log
            Datasets.ShortView(1, 3, 9),                       // later, but not a positive
            Datasets.Event(2, 1, EventKind.Like, 2),
            Datasets.Event(2, 1, EventKind.Share, 6),          // user 2 has one positive item only: no test
            Datasets.Event(3, 5, EventKind.Follow, 10),
            Datasets.Event(3, 6, EventKind.Like, 10),          // tie on time: the later log position wins
        ]);

        var split = LeaveLastOutSplit.Create(dataset);

        dataset.TryGetUser(1, out var u1);
        dataset.TryGetUser(3, out var u3);
        dataset.TryGetItem(2, out var v2);
        dataset.TryGetItem(6, out var v6);
        Assert.Equal([u1, u3], split.Test.Users.ToArray());
        Assert.Equal([v2], split.Test.RelevantAt(0).ToArray());
        Assert.Equal([v6], split.Test.RelevantAt(1).ToArray());

        var events = dataset.Events.ToArray();
        var trained = split.Training.EventIndexes.ToArray();
        Assert.DoesNotContain(trained, i => events[i].User == u1 && events[i].Item == v2);
        Assert.DoesNotContain(trained, i => events[i].User == u3 && events[i].Item == v6);
        Assert.Equal(events.Length - 3, trained.Length); // the impression and long view of (1, 2), the like of (3, 6)
        Assert.True(split.Training.PositivesOf(u1).Length == 2 && split.Training.PositivesOf(u3).Length == 1);
    }

    [Fact]
    public void Create_RandomLog_TestItemIsExactlyTheLastPositivesVideo()
    {
        var dataset = Datasets.Build(Datasets.Catalog(80), Datasets.Random(users: 50, videos: 80, events: 3_000, days: 5, seed: 11));

        var split = LeaveLastOutSplit.Create(dataset);

        var events = dataset.Events;
        Assert.True(split.Test.UserCount > 30);
        for (var p = 0; p < split.Test.UserCount; p++)
        {
            var user = split.Test.Users[p];
            var last = -1;
            for (var i = 0; i < events.Length; i++)
            {
                if (events[i].User == user && events[i].IsPositive && (last < 0 || events[i].TimeMs >= events[last].TimeMs))
                {
                    last = i;
                }
            }

            Assert.Equal([events[last].Item], split.Test.RelevantAt(p).ToArray());
            Assert.True(split.Training.PositivesOf(user).BinarySearch(events[last].Item) < 0);
            Assert.False(split.Training.PositivesOf(user).IsEmpty);
        }
    }
}
