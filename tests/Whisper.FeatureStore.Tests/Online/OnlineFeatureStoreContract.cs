using Microsoft.Extensions.Time.Testing;

using Whisper.FeatureStore.Definitions;
using Whisper.FeatureStore.Online;
using Whisper.FeatureStore.Tests.Infrastructure;

namespace Whisper.FeatureStore.Tests.Online;

/// <summary>The behaviour every <see cref="IOnlineFeatureStore"/> must show; one concrete class per provider.</summary>
public abstract class OnlineFeatureStoreContract
{
    protected OnlineFeatureStoreContract()
    {
        Time = new FakeTimeProvider(TestFeatures.Start);
        Registry = TestFeatures.Small();
    }

    protected FakeTimeProvider Time { get; }

    protected FeatureRegistry Registry { get; }

    protected abstract IOnlineFeatureStore Store { get; }

    private int Views => Registry.IdOf("user_views_1h");

    private int LastVideo => Registry.IdOf("user_last_video");

    [ContractFact]
    public void TryRead_FreshValue_ReturnsItAndCountsFresh()
    {
        Store.Write(FeatureEntity.User, 7, Views, 42, TestFeatures.Ms(Time.GetUtcNow()));

        Assert.True(Store.TryRead(FeatureEntity.User, 7, Views, out var value));
        Assert.Equal(42, value);
        Assert.Equal(new FeatureReadCounts(1, 0, 0), Store.Counts);
    }

    [ContractFact]
    public void TryRead_NothingStored_ReturnsDefaultAndCountsMissing()
    {
        Assert.False(Store.TryRead(FeatureEntity.User, 8, Views, out var value));
        Assert.Equal(-1, value); // user_views_1h's default
        Assert.Equal(new FeatureReadCounts(0, 1, 0), Store.Counts);
    }

    [ContractFact]
    public void TryRead_AgeEqualsTtl_IsStillFresh()
    {
        Store.Write(FeatureEntity.User, 9, LastVideo, 555, TestFeatures.Ms(Time.GetUtcNow()));
        Time.Advance(TimeSpan.FromMinutes(10)); // user_last_video's TTL exactly

        Assert.True(Store.TryRead(FeatureEntity.User, 9, LastVideo, out var value));
        Assert.Equal(555, value);
    }

    [ContractFact]
    public void TryRead_AgeOneMillisecondPastTtl_ReturnsDefaultAndCountsExpired()
    {
        Store.Write(FeatureEntity.User, 10, LastVideo, 555, TestFeatures.Ms(Time.GetUtcNow()));
        Time.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromMilliseconds(1));

        Assert.False(Store.TryRead(FeatureEntity.User, 10, LastVideo, out var value));
        Assert.Equal(0, value);
        Assert.Equal(new FeatureReadCounts(0, 0, 1), Store.Counts);
    }

    [ContractFact]
    public void TryRead_TtlCountsFromEventTimeNotWriteTime()
    {
        // Written now, but observed 9 min 59.999 s ago: 1 ms later the value is past its 10 min TTL.
        Store.Write(FeatureEntity.User, 11, LastVideo, 1, TestFeatures.Ms(Time.GetUtcNow()) - 599_999);
        Assert.True(Store.TryRead(FeatureEntity.User, 11, LastVideo, out _));

        Time.Advance(TimeSpan.FromMilliseconds(2));

        Assert.False(Store.TryRead(FeatureEntity.User, 11, LastVideo, out _));
    }

    [ContractFact]
    public void Write_Again_ReplacesValueAndRestartsTtl()
    {
        Store.Write(FeatureEntity.User, 12, LastVideo, 1, TestFeatures.Ms(Time.GetUtcNow()));
        Time.Advance(TimeSpan.FromMinutes(9));
        Store.Write(FeatureEntity.User, 12, LastVideo, 2, TestFeatures.Ms(Time.GetUtcNow()));
        Time.Advance(TimeSpan.FromMinutes(9));

        Assert.True(Store.TryRead(FeatureEntity.User, 12, LastVideo, out var value));
        Assert.Equal(2, value);
    }

    [ContractFact]
    public void ReadMany_MixedOutcomes_FillsValuesDefaultsAndStatuses()
    {
        var now = TestFeatures.Ms(Time.GetUtcNow());
        var watch = Registry.IdOf("user_watch_1h");
        Store.Write(FeatureEntity.User, 13, Views, 3, now);
        Store.Write(FeatureEntity.User, 13, LastVideo, 99, now - TimeSpan.FromMinutes(11).Ticks / TimeSpan.TicksPerMillisecond);
        int[] ids = [Views, watch, LastVideo];
        var values = new double[3];
        var statuses = new FeatureReadStatus[3];

        var fresh = Store.ReadMany(FeatureEntity.User, 13, ids, values, statuses);

        Assert.Equal(1, fresh);
        Assert.Equal([3, 0, 0], values);
        Assert.Equal([FeatureReadStatus.Fresh, FeatureReadStatus.Missing, FeatureReadStatus.Expired], statuses);
        Assert.Equal(new FeatureReadCounts(1, 1, 1), Store.Counts);
    }

    [ContractFact]
    public void ReadMany_UnknownEntity_ReturnsAllDefaults()
    {
        int[] ids = [Views, LastVideo];
        var values = new double[] { 5, 5 };

        Assert.Equal(0, Store.ReadMany(FeatureEntity.User, 404, ids, values));
        Assert.Equal([-1, 0], values);
    }

    [ContractFact]
    public void Write_SameIdDifferentEntities_AreSeparate()
    {
        var likes = Registry.IdOf("video_likes_1h");
        var now = TestFeatures.Ms(Time.GetUtcNow());
        Store.Write(FeatureEntity.User, 14, Views, 1, now);
        Store.Write(FeatureEntity.Video, 14, likes, 2, now);

        Assert.True(Store.TryRead(FeatureEntity.Video, 14, likes, out var videoValue));
        Assert.True(Store.TryRead(FeatureEntity.User, 14, Views, out var userValue));
        Assert.Equal((1, 2), (userValue, videoValue));
    }

    [ContractFact]
    public void TryRead_FeatureOfAnotherEntity_Throws()
    {
        Assert.Throws<ArgumentException>(() => Store.TryRead(FeatureEntity.Video, 1, Views, out _));
    }
}
