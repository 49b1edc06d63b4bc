using Whisper.FeatureStore.Definitions;
using Whisper.FeatureStore.Online;

namespace Whisper.FeatureStore.Tests.Online;

public sealed class InProcessOnlineFeatureStoreTests : OnlineFeatureStoreContract
{
    private readonly InProcessOnlineFeatureStore _store;

    public InProcessOnlineFeatureStoreTests()
    {
        _store = new InProcessOnlineFeatureStore(Registry, Time);
    }

    protected override IOnlineFeatureStore Store => _store;

    [Fact]
    public void ReadMany_TwentyFeatures_AllocatesNothing()
    {
        var registry = FeatureRegistry.Create([.. Enumerable.Range(0, 20).Select(i => new FeatureDefinition(
            $"f{i}", FeatureEntity.User, FeatureValueType.Real, FeatureSource.FromTable("t"), null, TimeSpan.FromHours(1), 0, "test"))]);
        var store = new InProcessOnlineFeatureStore(registry, Time);
        var ids = Enumerable.Range(0, 20).ToArray();
        foreach (var id in ids)
        {
            store.Write(FeatureEntity.User, 1, id, id, Time.GetUtcNow().ToUnixTimeMilliseconds());
        }

        var values = new double[20];
        store.ReadMany(FeatureEntity.User, 1, ids, values); // warm up
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            store.ReadMany(FeatureEntity.User, 1, ids, values);
            store.TryRead(FeatureEntity.User, 1, 3, out _);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(19, values[19]);
    }
}
