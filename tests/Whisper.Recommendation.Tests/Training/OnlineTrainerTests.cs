using Whisper.Core.Domain;
using Whisper.Recommendation.Catalog;
using Whisper.Recommendation.Model;
using Whisper.Recommendation.Training;
using Whisper.World.Generation;

namespace Whisper.Recommendation.Tests.Training;

public sealed class OnlineTrainerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Apply_Like_SinkHearsTheVideo_AndItsVectorMoves()
    {
        var catalog = TinyCatalog();
        var sink = new RecordingSink();
        using var trainer = new OnlineTrainer(new InMemoryEventLog(), catalog, new OnlineTrainerOptions { Model = new TwoTowerOptions { Dimension = 8, VideoAdmitAfter = 1, UserAdmitAfter = 1 } }, sink);

        trainer.Apply([Logged(1, EventKind.Like, video: 1)]);
        Span<float> before = stackalloc float[8];
        Assert.True(trainer.Model.TryGetVideoVector(1, before));
        var score = trainer.Model.Score(1, 1);

        trainer.Apply([Logged(2, EventKind.Like, video: 1), Logged(3, EventKind.Impression, video: 2)]);

        Assert.Equal([[1L], [1L]], sink.Batches);
        Span<float> after = stackalloc float[8];
        Assert.True(trainer.Model.TryGetVideoVector(1, after));
        Assert.False(before.SequenceEqual(after));
        Assert.True(trainer.Model.Score(1, 1) > score, "a positive must raise the pair's score");
        Assert.Equal(3, trainer.Position);
        Assert.Equal(3, trainer.Model.Position);
        Assert.Equal(1, trainer.Stats.Ignored);
    }

    [Fact]
    public void Apply_SkipsAndShortViews_LowerTheScore_LongViewsRaiseIt()
    {
        var catalog = TinyCatalog();
        using var trainer = new OnlineTrainer(new InMemoryEventLog(), catalog, new OnlineTrainerOptions { Model = new TwoTowerOptions { Dimension = 8, VideoAdmitAfter = 1, UserAdmitAfter = 1 } });
        trainer.Apply([Logged(1, EventKind.Skip, video: 2)]);
        var afterFirst = trainer.Model.Score(1, 2);
        trainer.Apply([Logged(2, EventKind.View, video: 2, watchMs: 1_000)]); // 10% of 10 s: short → negative
        Assert.True(trainer.Model.Score(1, 2) < afterFirst);
        Assert.Equal(2, trainer.Stats.Negatives);

        var low = trainer.Model.Score(1, 3);
        trainer.Apply([Logged(3, EventKind.View, video: 3, watchMs: 8_000)]); // exactly 80%: long → positive
        Assert.True(trainer.Model.Score(1, 3) > low);
        Assert.Equal(1, trainer.Stats.Positives);
    }

    [Fact]
    public void Apply_UnknownVideo_SkippedAndCounted()
    {
        using var trainer = new OnlineTrainer(new InMemoryEventLog(), TinyCatalog(), new OnlineTrainerOptions());
        trainer.Apply([Logged(1, EventKind.Like, video: 999), Logged(2, EventKind.Purchase, video: 0)]);
        Assert.Equal(new TrainerStats(2, 0, 0, 0, 0, 1, 1), trainer.Stats);
        Assert.Equal(2, trainer.Position);
    }

    [Fact]
    public void TryGetUserVector_UnknownUser_False_KnownUserWithoutRow_FallsBackToRegionAndHour()
    {
        var catalog = TinyCatalog();
        using var trainer = new OnlineTrainer(new InMemoryEventLog(), catalog, new OnlineTrainerOptions { Model = new TwoTowerOptions { Dimension = 8, UserAdmitAfter = 5 } });
        trainer.Apply([Logged(1, EventKind.Like, video: 1)]);
        Span<float> vector = stackalloc float[8];
        Assert.False(trainer.Model.TryGetUserVector(12345, vector));
        Assert.True(trainer.Model.TryGetUserVector(2, T0.Hour, vector)); // never seen, but the catalog knows the region
        Assert.Contains(vector.ToArray(), x => x != 0);
        Assert.False(trainer.Model.TryGetVideoVector(999, vector));
        Assert.Equal(0f, trainer.Model.Score(12345, 999));
    }

    [Fact]
    public async Task RunAsync_Nudged_TrainsNewEventsWithoutWaitingForThePoll()
    {
        var log = new InMemoryEventLog();
        var sink = new RecordingSink();
        using var trainer = new OnlineTrainer(log, TinyCatalog(), new OnlineTrainerOptions { PollInterval = TimeSpan.FromHours(1) }, sink);
        using var stop = new CancellationTokenSource();
        var run = trainer.RunAsync(stop.Token);

        await log.AppendAsync([Event(EventKind.Like, 1)]);
        var first = sink.NextBatch();
        trainer.Nudge();
        await first.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(1, trainer.Position);

        await log.AppendAsync([Event(EventKind.Share, 2)]);
        var second = sink.NextBatch();
        trainer.Nudge();
        await second.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(2, trainer.Position);

        await stop.CancelAsync();
        await run; // returns normally on cancellation
    }

    [Fact]
    public async Task Model_ReadWhileTraining_ReadersNeverThrow()
    {
        var world = TestWorld.Generate(new WorldOptions { Users = 300, Videos = 500, Days = 3, SessionsPerUserPerDay = 1, Seed = 8 });
        using var trainer = new OnlineTrainer(new InMemoryEventLog(), world.Catalog, new OnlineTrainerOptions { Model = new TwoTowerOptions { Dimension = 16, Ttl = TimeSpan.FromHours(12) } }, new RecordingSink());
        var model = trainer.Model;
        using var done = new CancellationTokenSource();
        var readers = Enumerable.Range(0, 2).Select(seed => Task.Run(() =>
        {
            var random = new Random(seed);
            var vector = new float[model.Dimension];
            long reads = 0;
            double sum = 0;
            while (!done.IsCancellationRequested || reads == 0)
            {
                var user = random.NextInt64(1, 400);
                var video = random.NextInt64(1, 600);
                sum += model.Score(user, video);
                model.TryGetUserVector(user, vector);
                model.TryGetVideoVector(video, vector);
                reads++;
            }

            return double.IsFinite(sum) ? reads : -1;
        })).ToArray();

        var events = world.Logged();
        for (var i = 0; i < events.Count; i += 256)
        {
            trainer.Apply(events.GetRange(i, Math.Min(256, events.Count - i)));
        }

        await done.CancelAsync();
        foreach (var reader in readers)
        {
            Assert.True(await reader > 0, "reader saw a non-finite score or did not run");
        }

        Assert.Equal(events.Count, trainer.Position);
    }

    internal static CatalogView TinyCatalog()
    {
        var catalog = new CatalogView();
        catalog.AddOrUpdateUser(new User(1, "a", "US", "23.32.0.1", "US", "US", T0));
        catalog.AddOrUpdateUser(new User(2, "b", "DE", "46.80.0.1", "DE", "DE", T0));
        catalog.AddOrUpdateVideo(new Video(1, 1, 10_000, T0, ["cooking"], "en", "us"));
        catalog.AddOrUpdateVideo(new Video(2, 2, 10_000, T0, ["dance", "music"], "en", "us"));
        catalog.AddOrUpdateVideo(new Video(3, 2, 10_000, T0, [], "en", "us"));
        return catalog;
    }

    private static EngagementEvent Event(EventKind kind, long video, int watchMs = 0) =>
        new(Guid.NewGuid(), 1, video, kind, T0, watchMs);

    private static LoggedEvent Logged(long sequence, EventKind kind, long video, int watchMs = 0) =>
        new(sequence, new EngagementEvent(Guid.NewGuid(), 1, video, kind, T0.AddSeconds(sequence), watchMs));

    private sealed class RecordingSink : IVideoVectorSink
    {
        private readonly Lock _lock = new();
        private TaskCompletionSource? _next;

        public List<long[]> Batches { get; } = [];

        public Task NextBatch()
        {
            lock (_lock)
            {
                _next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                return _next.Task;
            }
        }

        public void OnVideoVectorsChanged(ReadOnlySpan<long> videoIds)
        {
            lock (_lock)
            {
                Batches.Add(videoIds.ToArray());
                _next?.TrySetResult();
            }
        }
    }
}
