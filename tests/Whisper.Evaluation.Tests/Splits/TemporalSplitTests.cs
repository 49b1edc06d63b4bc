using Whisper.Core.Domain;
using Whisper.Evaluation.Splits;
using Whisper.Evaluation.Tests.Fixtures;

namespace Whisper.Evaluation.Tests.Splits;

public sealed class TemporalSplitTests
{
    [Fact]
    public void Create_RandomLog_TrainingHoldsExactlyTheEventsBeforeTheCutoff()
    {
        var dataset = Datasets.Build(Datasets.Catalog(60), Datasets.Random(users: 40, videos: 60, events: 4_000, days: 10, seed: 7));

        var split = TemporalSplit.Create(dataset, 0.25);

        var cutoff = split.Cutoff!.Value.ToUnixTimeMilliseconds();
        var events = dataset.Events;
        var inTraining = new bool[events.Length];
        foreach (var i in split.Training.EventIndexes)
        {
            Assert.True(events[i].TimeMs < cutoff, $"training event {i} at {events[i].TimeMs} is not before the cutoff {cutoff}");
            inTraining[i] = true;
        }

        for (var i = 0; i < events.Length; i++)
        {
            Assert.Equal(events[i].TimeMs < cutoff, inTraining[i]);
        }

        Assert.InRange(split.Training.EventIndexes.Length, 2_700, 3_300);
    }

    [Fact]
    public void Create_RandomLog_TestItemsArePositiveAfterCutoffAndNewToTheUser()
    {
        var dataset = Datasets.Build(Datasets.Catalog(60), Datasets.Random(users: 40, videos: 60, events: 4_000, days: 10, seed: 8));

        var split = TemporalSplit.Create(dataset, 0.25);

        var cutoff = split.Cutoff!.Value.ToUnixTimeMilliseconds();
        var expected = new SortedSet<(int, int)>();
        var trainPositive = new HashSet<(int, int)>();
        foreach (var e in dataset.Events)
        {
            if (e.IsPositive && e.TimeMs < cutoff)
            {
                trainPositive.Add((e.User, e.Item));
            }
        }

        foreach (var e in dataset.Events)
        {
            if (e.IsPositive && e.TimeMs >= cutoff && !trainPositive.Contains((e.User, e.Item)) && trainPositive.Any(p => p.Item1 == e.User))
            {
                expected.Add((e.User, e.Item));
            }
        }

        var actual = new SortedSet<(int, int)>();
        for (var p = 0; p < split.Test.UserCount; p++)
        {
            foreach (var item in split.Test.RelevantAt(p))
            {
                actual.Add((split.Test.Users[p], item));
            }
        }

        Assert.NotEmpty(expected);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Create_HandMadeLog_LateLikeIsTestOnlyAndEarlyOneTrains()
    {
        var catalog = Datasets.Catalog(5);
        var dataset = Datasets.Build(catalog,
        [
            Datasets.Event(1, 1, EventKind.Like, 0),
            Datasets.LongView(1, 2, 50),
            Datasets.Event(1, 3, EventKind.Like, 95),     // after the cutoff at minute 80: test
            Datasets.Event(1, 1, EventKind.Share, 96),    // already positive in training: not a test item
            Datasets.Event(2, 4, EventKind.Like, 97),     // user 2 has nothing in training: not a test user
            Datasets.Event(2, 5, EventKind.Impression, 100),
        ]);

        var split = TemporalSplit.Create(dataset, 0.2);

        Assert.Equal(Datasets.Start.AddMinutes(80), split.Cutoff);
        Assert.Equal(2, split.Training.EventIndexes.Length);
        dataset.TryGetUser(1, out var user1);
        Assert.Equal([user1], split.Test.Users.ToArray());
        dataset.TryGetItem(3, out var video3);
        Assert.Equal([video3], split.Test.RelevantAt(0).ToArray());
    }
}
