using Microsoft.Extensions.Time.Testing;

using Whisper.Core.Domain;
using Whisper.FeatureStore.Definitions;
using Whisper.FeatureStore.Offline;
using Whisper.FeatureStore.Online;

using static Whisper.FeatureStore.Tests.Infrastructure.TestFeatures;

namespace Whisper.FeatureStore.Tests.Offline;

public sealed class OnlineOfflineParityTests
{
    [Fact]
    public void OnlineRead_AtEachRowTime_EqualsOfflineJoin()
    {
        // Replays one user's events into the online store with the clock at each event, reads at each row time, and
        // compares with the offline join: training sees what serving saw, TTL included.
        var registry = Small();
        var time = new FakeTimeProvider(Start);
        var store = new InProcessOnlineFeatureStore(registry, time);
        var materializer = new OnlineFeatureMaterializer(store, v => v);
        var random = new Random(7);
        var events = new List<EngagementEvent>();
        var at = Start;
        for (var i = 0; i < 200; i++)
        {
            at = at.AddSeconds(random.Next(1, 900));
            events.Add(Event(1, random.Next(1, 5), random.Next(3) == 0 ? EventKind.Like : EventKind.View, at, random.Next(0, 5_000)));
        }

        var keys = events.Select(e => new TrainingRowKey(Ms(e.OccurredAt) + 1 + random.Next(0, 2_000_000), 1, e.VideoId, 0)).OrderBy(k => k.AtMs).ToArray();
        var ids = new[] { registry.IdOf("user_views_1h"), registry.IdOf("user_watch_1h"), registry.IdOf("user_last_video") };
        var join = new PointInTimeJoin(registry, ids, keys, v => v);
        var online = new List<double>();
        var next = 0;
        var values = new double[ids.Length];
        foreach (var e in events.Append(Event(1, 1, EventKind.View, DateTimeOffset.MaxValue.AddDays(-1))))
        {
            while (next < keys.Length && keys[next].AtMs < Ms(e.OccurredAt))
            {
                time.SetUtcNow(DateTimeOffset.FromUnixTimeMilliseconds(keys[next].AtMs));
                store.ReadMany(FeatureEntity.User, 1, ids, values);
                online.AddRange(values);
                next++;
            }

            if (e.OccurredAt < DateTimeOffset.MaxValue.AddDays(-2))
            {
                materializer.Observe(e);
                join.Observe(e);
            }
        }

        var offline = join.Complete();

        Assert.Equal(online, offline.Values);
        Assert.True(offline.Expired > 0, "the data should exercise TTL expiry");
        Assert.True(offline.Fresh > 0);
    }
}
