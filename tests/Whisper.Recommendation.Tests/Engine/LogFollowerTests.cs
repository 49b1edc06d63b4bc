using Whisper.Core.Domain;
using Whisper.Recommendation.Candidates;
using Whisper.Recommendation.Engine;
using Whisper.Recommendation.Tests.Training;

namespace Whisper.Recommendation.Tests.Engine;

public sealed class LogFollowerTests
{
    [Fact]
    public async Task CatchUpAsync_ObservesEveryEventOnceInOrder()
    {
        var log = new InMemoryEventLog();
        var t = DateTimeOffset.UnixEpoch.AddDays(20_000);
        await log.AppendAsync([.. Enumerable.Range(1, 50).Select(i => new EngagementEvent(Guid.NewGuid(), 1, i, EventKind.View, t, 1_000))]);
        var seen = new Recorder();
        using var follower = new LogFollower(log, [seen], batchSize: 7);

        await follower.CatchUpAsync();
        await follower.CatchUpAsync();

        Assert.Equal(Enumerable.Range(1, 50).Select(i => (long)i), seen.Sequences);
        Assert.Equal(50, follower.Position);
    }

    private sealed class Recorder : IEngagementObserver
    {
        public List<long> Sequences { get; } = [];

        public void Observe(in LoggedEvent logged) => Sequences.Add(logged.Sequence);
    }
}
