using Whisper.World.Generation;

namespace Whisper.World.Tests.Generation;

public sealed class WorldWriterTests
{
    private static readonly WorldOptions Options = new() { Users = 300, Videos = 400, Days = 4, SessionsPerUserPerDay = 1.0, Seed = 11 };

    [Fact]
    public async Task WriteAsync_CancelledThenRerun_SameStoreAsOneUninterruptedWrite()
    {
        await using var whole = await TempStore.CreateAsync();
        var summary = await WorldWriter.WriteAsync(Options, whole.Store, whole.PathOf("truth.wgt"), null, CancellationToken.None);

        await using var resumed = await TempStore.CreateAsync();
        using var cts = new CancellationTokenSource();
        var cancelAfterFirstEvents = new SyncProgress(p =>
        {
            if (p.Stage == "events")
            {
                cts.Cancel();
            }
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            WorldWriter.WriteAsync(Options, resumed.Store, resumed.PathOf("truth.wgt"), cancelAfterFirstEvents, cts.Token));
        var partial = await resumed.Store.Events.GetHeadAsync();
        var second = await WorldWriter.WriteAsync(Options, resumed.Store, resumed.PathOf("truth.wgt"), null, CancellationToken.None);

        Assert.True(summary.EventsGenerated > 2 * WorldGenerator.DefaultBatchSize, $"{summary.EventsGenerated} events");
        Assert.Equal(summary.EventsGenerated, summary.EventsAppended);
        Assert.Equal(0, summary.EventDuplicates);
        Assert.InRange(partial, 1, summary.EventsGenerated - 1);
        Assert.Equal(partial, second.EventDuplicates);
        Assert.Equal(summary.EventsGenerated - partial, second.EventsAppended);
        Assert.Equal(await whole.DumpAsync(), await resumed.DumpAsync());
        Assert.Equal(File.ReadAllBytes(whole.PathOf("truth.wgt")), File.ReadAllBytes(resumed.PathOf("truth.wgt")));
    }

    [Fact]
    public async Task WriteAsync_Summary_MatchesStoreCounts()
    {
        await using var temp = await TempStore.CreateAsync();
        var stages = new List<WorldProgress>();
        var summary = await WorldWriter.WriteAsync(Options, temp.Store, temp.PathOf("t.wgt"), new SyncProgress(stages.Add), CancellationToken.None);

        var counts = await temp.Store.Catalog.CountAsync();
        Assert.Equal(summary.Users, counts.Users);
        Assert.Equal(summary.Videos, counts.Videos);
        Assert.Equal(summary.Follows, counts.Follows);
        Assert.Equal(summary.Orders, counts.Orders);
        Assert.Equal(summary.LiveSessions, counts.LiveSessions);
        Assert.Equal(summary.EventsGenerated, await temp.Store.Events.GetHeadAsync());
        Assert.Equal(new WorldProgress("events", summary.EventsGenerated, summary.EventsGenerated), stages[^1]);
        Assert.All(stages, s => Assert.True(s.Done <= s.Total, $"{s}"));
        Assert.Equal(Options, GroundTruth.Load(temp.PathOf("t.wgt")).Options);
    }

    /// <summary>Reports on the caller's thread (Progress&lt;T&gt; posts to the thread pool, which would race the test).</summary>
    private sealed class SyncProgress(Action<WorldProgress> report) : IProgress<WorldProgress>
    {
        public void Report(WorldProgress value) => report(value);
    }
}
