using StackExchange.Redis;

using Whisper.FeatureStore.Definitions;
using Whisper.FeatureStore.Online;
using Whisper.FeatureStore.Tests.Infrastructure;

namespace Whisper.FeatureStore.Tests.Online;

/// <summary>The same contract against a real redis-server (<see cref="RedisTestEnvironment"/>); each test uses its own key prefix and removes its keys.</summary>
[RequiresRedis]
public sealed class RedisOnlineFeatureStoreTests : OnlineFeatureStoreContract, IDisposable
{
    private readonly string _prefix = "whisper-test:" + Guid.NewGuid().ToString("N")[..12] + ":";
    private ConnectionMultiplexer? _connection;
    private RedisOnlineFeatureStore? _store;

    protected override IOnlineFeatureStore Store
    {
        get
        {
            if (_store is null)
            {
                _connection = ConnectionMultiplexer.Connect(RedisTestEnvironment.RequireAddress() + ",allowAdmin=true");
                _store = new RedisOnlineFeatureStore(_connection.GetDatabase(), Registry, Time, new RedisOnlineStoreOptions { KeyPrefix = _prefix });
            }

            return _store;
        }
    }

    [RedisFact]
    public void Write_StoresOneHashPerEntityWithBinaryValueAndExpiry()
    {
        var store = (RedisOnlineFeatureStore)Store;
        var views = Registry.IdOf("user_views_1h");
        store.Write(FeatureEntity.User, 42, views, 3, TestFeatures.Ms(Time.GetUtcNow()));
        var db = _connection!.GetDatabase();

        var key = store.KeyOf(FeatureEntity.User, 42);
        Assert.Equal(_prefix + "{u:42}", key.ToString());
        byte[]? raw = db.HashGet(key, "user_views_1h");
        Assert.Equal(16, raw!.Length);
        Assert.Equal(3.0, BitConverter.ToDouble(raw, 0));
        var ttl = db.KeyTimeToLive(key);
        Assert.InRange(ttl!.Value, TimeSpan.FromMinutes(59), TimeSpan.FromMinutes(61)); // the longest user TTL (1 h) plus 1 min slack
    }

    public void Dispose()
    {
        if (_connection is not null)
        {
            var server = _connection.GetServers()[0];
            var db = _connection.GetDatabase();
            foreach (var key in server.Keys(pattern: _prefix + "*"))
            {
                db.KeyDelete(key);
            }

            _connection.Dispose();
        }
    }
}
