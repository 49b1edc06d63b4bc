using Whisper.Core.Domain;
using Whisper.Recommendation.Engine;
using Whisper.Recommendation.Feed;
using Whisper.Recommendation.Ranking;
using Whisper.Recommendation.Training;

namespace Whisper.Recommendation.Tests.Engine;

public sealed class RecommendationEngineTests
{
    private static RecommendationEngineOptions Options(string? checkpoints = null, int minImpressions = 0) => new()
    {
        Trainer = new OnlineTrainerOptions { CheckpointDirectory = checkpoints },
        MinImpressionsForRanker = minImpressions,
    };

    [Fact]
    public async Task CreateAsync_SmallWorld_CatchesUpIndexesAndServesAWarmFeed()
    {
        await using var world = await EngineWorld.CreateAsync();
        var head = await world.Store.Events.GetHeadAsync();
        var stages = new List<string>();

        await using var engine = await RecommendationEngine.CreateAsync(world.Store, Options(), new SyncProgress(p => stages.Add(p.Stage)));

        Assert.Equal(head, engine.Trainer.Position);
        Assert.Equal(head, engine.Follower.Position);
        Assert.Equal("built", engine.AnnSource); // under ForegroundAnnBelow: built before serving
        Assert.True(engine.AnnReady.IsCompletedSuccessfully);
        Assert.True(engine.Index.Count > 0);
        Assert.Contains("train", stages);
        Assert.Contains("observe", stages);
        var result = await engine.Feed.GetFeedAsync(1, 10, null);
        Assert.Equal(FeedStatus.Ok, result.Status);
        Assert.False(result.Page!.ColdStart);
        Assert.Equal(10, result.Page.Items.Count);
    }

    [Fact]
    public async Task StartAsync_AppendAndNudge_TrainerAndObserversFollowTheLog()
    {
        await using var world = await EngineWorld.CreateAsync();
        await using var engine = await RecommendationEngine.CreateAsync(world.Store, Options());
        await engine.StartAsync();
        var video = engine.Catalog.VideoIds.First();

        var appended = await world.Store.Events.AppendAsync([new EngagementEvent(Guid.NewGuid(), 1, video, EventKind.Like, DateTimeOffset.UtcNow)]);
        engine.Nudge();

        await WaitAsync(() => engine.Trainer.Position >= appended.LastSequence && engine.Follower.Position >= appended.LastSequence);
        Assert.True(engine.Counters.Video(video).Likes >= 1);
    }

    [Fact]
    public async Task Feed_ImpressionsAreBatchedAndARetryLogsNothingTwice()
    {
        await using var world = await EngineWorld.CreateAsync();
        await using var engine = await RecommendationEngine.CreateAsync(world.Store, Options());
        await engine.StartAsync();
        var before = await world.Store.Events.GetHeadAsync();

        var first = await engine.Feed.GetFeedAsync(2, 5, null);
        var retry = await engine.Feed.GetFeedAsync(2, 5, null);
        await engine.FlushImpressionsAsync();

        Assert.Equal(first.Page!.Items.Select(i => i.VideoId), retry.Page!.Items.Select(i => i.VideoId));
        Assert.Equal(before + 5, await world.Store.Events.GetHeadAsync());
    }

    [Fact]
    public async Task DisposeAsync_WithCheckpoints_NextStartResumesAndLoadsTheIndex()
    {
        await using var world = await EngineWorld.CreateAsync();
        long position;
        await using (var engine = await RecommendationEngine.CreateAsync(world.Store, Options(world.Checkpoints)))
        {
            await engine.StartAsync();
            position = engine.Trainer.Position;
        }

        Assert.Single(Directory.GetFiles(world.Checkpoints, "ann-*.usearch"));
        await using var again = await RecommendationEngine.CreateAsync(world.Store, Options(world.Checkpoints));

        Assert.NotNull(again.Trainer.ResumedFrom);
        Assert.Equal(position, again.Trainer.Position);
        Assert.Equal("loaded", again.AnnSource);
        Assert.True(again.AnnReady.IsCompletedSuccessfully);
        Assert.Equal(FeedStatus.Ok, (await again.Feed.GetFeedAsync(3, 10, null)).Status);
    }

    [Fact]
    public async Task StartAsync_EnoughImpressions_TrainsALightGbmRankerInTheBackground()
    {
        await using var world = await EngineWorld.CreateAsync();
        await using var engine = await RecommendationEngine.CreateAsync(world.Store, Options(minImpressions: 1) with { Ranker = new RankerOptions { Iterations = 10, MinimumPositives = 1 } });
        Assert.True(engine.ImpressionsObserved > 0, "the generated world logs impressions");

        await engine.StartAsync();
        var result = await engine.RankerReady.WaitAsync(TimeSpan.FromMinutes(2));

        Assert.NotNull(result);
        Assert.Same(result.Serving, engine.Ranker.Current);
    }

    [Fact]
    public void Options_Invalid_ListsEveryProblem()
    {
        var options = new RecommendationEngineOptions { MinImpressionsForRanker = -1, Feed = new FeedOptions { MaxCount = 0 }, Ann = null! };

        var problems = options.Validate();

        Assert.Contains(problems, p => p.StartsWith("MinImpressionsForRanker", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Feed: MaxCount", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Ann is missing", StringComparison.Ordinal));
    }

    /// <summary>Waits for the background loops (bounded; they are nudged, so this is milliseconds).</summary>
    private static async Task WaitAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(5, timeout.Token);
        }
    }

    private sealed class SyncProgress(Action<EngineProgress> report) : IProgress<EngineProgress>
    {
        public void Report(EngineProgress value) => report(value);
    }
}
