using Whisper.Core.Domain;
using Whisper.Parity.Regions;

namespace Whisper.Parity.Tests.Regions;

public sealed class ShadowStoreTests(EngineParityWorld world) : IClassFixture<EngineParityWorld>
{
    [Fact]
    public async Task Events_CappedAtAPosition_EndThereForHeadAndReads()
    {
        var through = world.Head / 3;
        var log = new ShadowStore(world.Store, through).Events;
        var read = new List<LoggedEvent>();

        Assert.Equal(through, await log.GetHeadAsync());
        Assert.Equal(3, await log.ReadAsync(through - 3, 10_000, read));
        Assert.Equal(through, read[^1].Sequence);
        Assert.Equal(0, await log.ReadAsync(through, 10_000, read));
    }

    [Fact]
    public async Task Events_Uncapped_ReachTheRealHeadAndDropAppends()
    {
        var log = new ShadowStore(world.Store).Events;

        var appended = await log.AppendAsync([new EngagementEvent(Guid.NewGuid(), 1, 1, EventKind.Impression, DateTimeOffset.UnixEpoch)]);

        Assert.Equal(0, appended.Appended);
        Assert.Equal(world.Head, await log.GetHeadAsync());
        Assert.Equal(world.Head, await world.Store.Events.GetHeadAsync());
    }
}
