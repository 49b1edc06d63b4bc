using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;

using Whisper.Core.Domain;
using Whisper.Core.Validation;
using Whisper.World.Generation;

namespace Whisper.World.Tests.Generation;

public sealed class WorldGeneratorTests(SmallWorld world) : IClassFixture<SmallWorld>
{
    private static readonly WorldOptions Tiny = new() { Users = 300, Videos = 400, Days = 4, SessionsPerUserPerDay = 1.0 };

    [Fact]
    public void Generate_SameSeed_IdenticalCatalogAndEvents()
    {
        var first = Fingerprint(new WorldGenerator(Tiny), out var events);
        var second = Fingerprint(new WorldGenerator(Tiny), out _);

        Assert.True(events > 1_000, $"the tiny world should have events, had {events}");
        Assert.Equal(first, second);
    }

    [Fact]
    public void GenerateEvents_EnumeratedTwice_SameStream()
    {
        var generator = new WorldGenerator(Tiny);
        Assert.Equal(EventsHash(generator, 777), EventsHash(generator, 777));
        Assert.Equal(EventsHash(generator, 777), EventsHash(generator, 50)); // batch size does not change the stream
    }

    [Fact]
    public void Generate_DifferentSeed_DifferentWorld()
    {
        var a = Fingerprint(new WorldGenerator(Tiny), out _);
        var b = Fingerprint(new WorldGenerator(Tiny with { Seed = 43 }), out _);

        Assert.NotEqual(a, b);
    }

    [Fact]
    public void GenerateEvents_AllEvents_PassEventRulesAndHaveUniqueIdsInTimeOrder()
    {
        var ids = new HashSet<Guid>();
        var previous = DateTimeOffset.MinValue;
        for (var i = 0; i < world.Events.Count; i++)
        {
            var e = world.Events[i];
            Assert.Null(EventRules.Validate(e));
            Assert.True(ids.Add(e.ClientEventId), $"duplicate id at {i}");
            Assert.Equal(WorldEventIds.For(SmallWorld.Options.Seed, i), e.ClientEventId);
            Assert.True(e.OccurredAt >= previous, $"event {i} goes back in time");
            previous = e.OccurredAt;
        }

        var end = SmallWorld.Options.Start.AddDays(SmallWorld.Options.Days);
        Assert.True(world.Events[0].OccurredAt >= SmallWorld.Options.Start);
        Assert.True(world.Events[^1].OccurredAt < end);
    }

    [Fact]
    public void GenerateEvents_HighAffinity_WatchedLongerAndLikedMore()
    {
        var truth = world.Generator.Truth;
        var durations = world.Catalog.Videos.ToDictionary(v => v.Id, v => v.DurationMs);
        var impressions = new List<(float Affinity, double Ratio, bool Liked)>();
        var pending = new Dictionary<(long, long), int>();
        foreach (var e in world.Events)
        {
            var key = (e.UserId, e.VideoId);
            switch (e.Kind)
            {
                case EventKind.Impression:
                    pending[key] = impressions.Count;
                    impressions.Add((truth.Affinity(e.UserId, e.VideoId), 0, false));
                    break;
                case EventKind.View or EventKind.Skip:
                    var i = pending[key];
                    impressions[i] = impressions[i] with { Ratio = (double)e.WatchTimeMs / durations[e.VideoId] };
                    break;
                case EventKind.Like:
                    var j = pending[key];
                    impressions[j] = impressions[j] with { Liked = true };
                    break;
            }
        }

        var sorted = impressions.OrderBy(x => x.Affinity).ToList();
        var quarter = sorted.Count / 4;
        var low = sorted.Take(quarter).ToList();
        var high = sorted.Skip(sorted.Count - quarter).ToList();
        var lowWatch = low.Average(x => x.Ratio);
        var highWatch = high.Average(x => x.Ratio);
        var lowLike = low.Average(x => x.Liked ? 1.0 : 0.0);
        var highLike = high.Average(x => x.Liked ? 1.0 : 0.0);

        Assert.True(impressions.Count > 50_000, $"{impressions.Count} impressions");
        Assert.True(highWatch > 1.5 * lowWatch, $"watch ratio high {highWatch:F3} vs low {lowWatch:F3}");
        Assert.True(highLike > 3 * lowLike, $"like rate high {highLike:F4} vs low {lowLike:F4}");
    }

    [Fact]
    public void GenerateEvents_PopularCreators_GetMoreImpressions()
    {
        var truth = world.Generator.Truth;
        var perCreator = new double[truth.Creators + 1];
        foreach (var e in world.Events)
        {
            if (e.Kind == EventKind.Impression)
            {
                perCreator[truth.VideoCreator(e.VideoId)]++;
            }
        }

        var byPopularity = Enumerable.Range(1, truth.Creators).OrderByDescending(c => truth.CreatorPopularity(c)).ToList();
        var decile = byPopularity.Count / 10;
        var top = byPopularity.Take(decile).Average(c => perCreator[c]);
        var bottom = byPopularity.Skip(byPopularity.Count - decile).Average(c => perCreator[c]);

        Assert.True(top > 5 * bottom, $"top decile {top:F1} impressions per creator vs bottom {bottom:F1}");
    }

    [Fact]
    public void BuildCatalog_Users_UsShareAndConflictFractionAsConfigured()
    {
        var users = world.Catalog.Users;
        var usShare = users.Count(u => u.ResidenceCountry == "US") / (double)users.Count;
        var conflicts = users.Count(u => u.DeclaredCountry != u.ResidenceCountry || u.PhoneCountry != u.ResidenceCountry
            || IpCountry(u) != u.ResidenceCountry) / (double)users.Count;

        Assert.InRange(usShare, SmallWorld.Options.UsShare - 0.04, SmallWorld.Options.UsShare + 0.04);
        Assert.InRange(conflicts, SmallWorld.Options.ResidencyConflictRate - 0.02, SmallWorld.Options.ResidencyConflictRate + 0.02);
        Assert.All(users, u =>
        {
            Assert.True(CountryCodes.IsWellFormed(u.DeclaredCountry) && CountryCodes.IsWellFormed(u.PhoneCountry));
            Assert.True(IPAddress.TryParse(u.SignupIp, out _));
        });
        Assert.True(users.Select(u => u.ResidenceCountry).Distinct().Count() >= 15, "users should span many countries");
    }

    [Fact]
    public void BuildCatalog_Rows_AreConsistent()
    {
        var c = world.Catalog;
        Assert.Equal(SmallWorld.Options.EffectiveCreators, c.Creators.Count);
        Assert.Equal(c.Users.Count, c.Users.Select(u => u.Handle).Distinct().Count());
        Assert.Equal(c.Creators.Count, c.Creators.Select(x => x.UserId).Distinct().Count());
        Assert.All(c.Videos, v =>
        {
            Assert.InRange(v.CreatorId, 1, c.Creators.Count);
            Assert.InRange(v.Hashtags.Count, 1, 5);
            Assert.True(v.DurationMs > 0);
        });
        Assert.All(c.Products, p => Assert.InRange(p.CreatorId, 1, c.Creators.Count));
        Assert.NotEmpty(c.LiveSessions);
        Assert.NotEmpty(world.Orders);
        Assert.NotEmpty(world.Follows);
        Assert.All(world.Orders, o => Assert.Equal(c.Products[(int)o.ProductId - 1].PriceMinor * o.Quantity, o.TotalMinor));
        var initial = c.Follows.Select(f => (f.FollowerId, f.CreatorId)).ToHashSet();
        Assert.All(world.Follows, f => Assert.True(initial.Add((f.FollowerId, f.CreatorId)), "a user followed a creator twice"));
    }

    private static string IpCountry(Whisper.Core.Domain.User user) =>
        SyntheticGeography.TryGetCountry(IPAddress.Parse(user.SignupIp), out var country) ? country : "??";

    private static string Fingerprint(WorldGenerator generator, out long events)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(object? row) => hash.AppendData(Encoding.UTF8.GetBytes(Convert.ToString(row, CultureInfo.InvariantCulture) + "\n"));
        var catalog = generator.BuildCatalog();
        catalog.Users.ToList().ForEach(Add);
        catalog.Creators.ToList().ForEach(Add);
        foreach (var v in catalog.Videos)
        {
            Add(v with { Hashtags = [] });
            Add(string.Join(',', v.Hashtags));
        }

        catalog.Follows.ToList().ForEach(Add);
        catalog.LiveSessions.ToList().ForEach(Add);
        catalog.Products.ToList().ForEach(Add);
        hash.AppendData(generator.Truth.ToBytes());
        events = 0;
        foreach (var batch in generator.GenerateEvents(1_000))
        {
            foreach (var e in batch.Events)
            {
                Add(e);
                events++;
            }

            batch.NewFollows.ToList().ForEach(Add);
            batch.NewOrders.ToList().ForEach(Add);
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }

    private static string EventsHash(WorldGenerator generator, int batchSize)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var batch in generator.GenerateEvents(batchSize))
        {
            foreach (var e in batch.Events)
            {
                hash.AppendData(Encoding.UTF8.GetBytes(e.ToString()));
            }
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }
}
