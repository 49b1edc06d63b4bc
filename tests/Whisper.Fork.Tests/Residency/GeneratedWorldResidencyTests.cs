using System.Net;

using Whisper.Core.Domain;
using Whisper.Core.Geo;
using Whisper.Fork.Residency;
using Whisper.World.Generation;

namespace Whisper.Fork.Tests.Residency;

/// <summary>
/// A generated world (3,000 users, a fifth of them with one disagreeing signal) classified with policies/us-residency.json.
/// The world's ground truth: a user's home country is their <see cref="User.ResidenceCountry"/> (docs/world.md).
/// </summary>
public sealed class GeneratedWorldResidencyTests : IClassFixture<GeneratedWorldResidencyTests.World>
{
    private readonly World _world;

    public GeneratedWorldResidencyTests(World world) => _world = world;

    [Fact]
    public void Build_SamplePolicy_MovesAtLeast95PercentOfUsUsers()
    {
        var us = _world.Catalog.Users.Where(u => u.ResidenceCountry == "US").ToList();
        var moved = us.Count(_world.Set.Includes);

        Assert.True(us.Count > 800, $"only {us.Count} US users were generated");
        Assert.True(moved >= 0.95 * us.Count, $"{moved} of {us.Count} US users are in the resident set");
        // The check means something only if some US users do send a foreign signal.
        Assert.Contains(us, u => _world.Set.Includes(u) && (u.DeclaredCountry != "US" || u.PhoneCountry != "US" || IpCountry(u) != "US"));
    }

    [Fact]
    public void Build_SamplePolicy_MovesNoUserWhoseSignalsAreAllForeign()
    {
        var policy = _world.Set.Policy;
        var allForeign = _world.Catalog.Users
            .Where(u => !policy.IsInRegion(u.DeclaredCountry) && !policy.IsInRegion(u.PhoneCountry) && !policy.IsInRegion(u.ResidenceCountry)
                && !policy.IsInRegion(IpCountry(u)) && !_world.Orders.Any(o => o.UserId == u.Id && policy.IsInRegion(o.BillingCountry)))
            .ToList();

        Assert.True(allForeign.Count > 1_000);
        Assert.DoesNotContain(allForeign, _world.Set.Includes);
    }

    [Fact]
    public void Build_SamplePolicy_MovesNoUserLivingAbroad()
    {
        var abroad = _world.Catalog.Users.Where(u => u.ResidenceCountry != "US").ToList();

        // Every non-US user in this world has at most one US signal (a VPN, a US phone or a declared US origin): ≤ 22% in region.
        Assert.Contains(abroad, u => u.DeclaredCountry == "US" || u.PhoneCountry == "US" || IpCountry(u) == "US");
        Assert.DoesNotContain(abroad, _world.Set.Includes);
    }

    [Fact]
    public void Build_SamplePolicy_RowsFollowTheirOwners()
    {
        var set = _world.Set;
        var report = set.Report;

        Assert.Equal(report.Users, report.Residents + report.NonResidents + report.Conflicts);
        Assert.Equal(_world.Catalog.Users.Count, report.Users);
        Assert.All(_world.Catalog.Creators, c => Assert.Equal(set.IncludesUser(c.UserId), set.Includes(c)));
        Assert.All(_world.Catalog.Videos, v => Assert.Equal(set.IncludesCreator(v.CreatorId), set.Includes(v)));
        Assert.Equal(_world.Events.Count(e => set.IncludesUser(e.UserId)), report.Events.Included);
        Assert.Equal(_world.Orders.Count(set.Includes), report.Orders.Included);
        Assert.Equal(_world.Follows.Count(set.Includes), report.Follows.Included);
        Assert.True(report.Follows.Included > 0 && report.Follows.Excluded > 0);
    }

    [Fact]
    public void Build_SamplePolicy_AudiencesAddUp()
    {
        var set = _world.Set;
        var toResidentCreators = _world.Follows.Where(f => set.IncludesCreator(f.CreatorId)).ToList();
        var audiences = set.Report.Audiences;

        Assert.Equal(set.CreatorIds.Length, audiences.Count);
        Assert.Equal(toResidentCreators.Count, audiences.Sum(a => a.TotalFollowers));
        Assert.Equal(toResidentCreators.Count(f => set.IncludesUser(f.FollowerId)), audiences.Sum(a => a.ResidentFollowers));
        Assert.Equal(audiences.Sum(a => (long)a.ForeignFollowers), set.Report.FollowsLeftBehind);
        Assert.True(set.Report.FollowsLeftBehind > 0, "the world should have foreign followers of US creators");
        var top = audiences.MaxBy(a => a.TotalFollowers);
        Assert.Equal(_world.Follows.Count(f => f.CreatorId == top.CreatorId), top.TotalFollowers);
    }

    private static string IpCountry(User user) =>
        IpAddressText.TryParse(user.SignupIp, out var ip) && SyntheticIpCountryLookup.Instance.TryGetCountry(ip, out var country) ? country : "";

    /// <summary>The world, generated once, streamed into the builder in the documented order.</summary>
    public sealed class World
    {
        public World()
        {
            var generator = new WorldGenerator(new WorldOptions
            {
                Users = 3_000,
                Videos = 1_500,
                Days = 3,
                SessionsPerUserPerDay = 0.5,
                ResidencyConflictRate = 0.2,
                Seed = 11,
            });
            Catalog = generator.BuildCatalog();
            Follows.AddRange(Catalog.Follows);
            foreach (var batch in generator.GenerateEvents(2_000))
            {
                Events.AddRange(batch.Events);
                Follows.AddRange(batch.NewFollows);
                Orders.AddRange(batch.NewOrders);
            }

            var policy = ResidencyPolicy.Load(PolicyJson.SamplePath());
            Set = new ResidentSetBuilder(new ResidencyClassifier(policy, SyntheticIpCountryLookup.Instance))
                .AddOrders(Orders)
                .AddUsers(Catalog.Users)
                .AddCreators(Catalog.Creators)
                .AddVideos(Catalog.Videos)
                .AddLiveSessions(Catalog.LiveSessions)
                .AddProducts(Catalog.Products)
                .AddFollows(Follows)
                .AddEventBatch(Events.ToArray())
                .Build();
        }

        public WorldCatalog Catalog { get; }

        public List<EngagementEvent> Events { get; } = [];

        public List<Follow> Follows { get; } = [];

        public List<Order> Orders { get; } = [];

        public ResidentSet Set { get; }
    }
}
