using System.Text.Json.Nodes;

using Whisper.Core.Domain;
using Whisper.Fork.Residency;
using Whisper.World.Generation;

namespace Whisper.Fork.Tests.Residency;

/// <summary>
/// A small fixed platform: users 1 and 2 live in the US, 3 in France, 4 in Germany; creator 10 belongs to user 1 (US),
/// creator 20 to user 3 (FR).
/// </summary>
public sealed class ResidentSetBuilderTests
{
    private static readonly DateTimeOffset At = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly Creator UsCreator = new(10, 1, "us-creator", "US", At);
    private static readonly Creator FrCreator = new(20, 3, "fr-creator", "FR", At);

    private static readonly Follow ResidentFollowsResident = new(2, 10, At);
    private static readonly Follow ResidentFollowsForeign = new(2, 20, At);
    private static readonly Follow ForeignFollowsResident = new(4, 10, At);
    private static readonly Follow ForeignFollowsResident2 = new(3, 10, At);
    private static readonly Follow ForeignFollowsForeign = new(4, 20, At);

    private static readonly Product UsProduct = new(100, 10, "mug", 1999, "USD");
    private static readonly Product FrProduct = new(200, 20, "tasse", 1899, "EUR");

    private static readonly Order ResidentBuysForeign = new(1000, 1, 200, 1, 1899, "EUR", "US", At);
    private static readonly Order ForeignBuysResident = new(1001, 3, 100, 1, 1999, "USD", "FR", At);

    private static readonly Video UsVideo = new(500, 10, 20_000, At, ["cooking"], "en", "us");
    private static readonly Video FrVideo = new(600, 20, 20_000, At, ["cooking"], "fr", "eu");

    private static readonly LiveSession UsLive = new(70, 10, At, null, 5);
    private static readonly LiveSession FrLive = new(80, 20, At, At.AddHours(1), 5);

    private static readonly EngagementEvent ResidentOnForeignVideo = new(Guid.NewGuid(), 2, 600, EventKind.Like, At);
    private static readonly EngagementEvent ForeignOnResidentVideo = new(Guid.NewGuid(), 4, 500, EventKind.View, At, 1_000);

    [Fact]
    public void Build_ResidentsAndTheirRows_Travel()
    {
        var set = BuildPlatform(Classifier());

        Assert.Equal([1L, 2L], set.UserIds.ToArray());
        Assert.True(set.Includes(Users.Us(1)));
        Assert.False(set.Includes(Users.German(4)));
        Assert.True(set.Includes(UsCreator));
        Assert.True(set.Includes(UsVideo));
        Assert.True(set.Includes(UsLive));
        Assert.True(set.Includes(UsProduct));
        Assert.True(set.Includes(ResidentFollowsResident));
    }

    [Fact]
    public void Build_ResidentFollowsForeignCreator_FollowTravelsCreatorStays()
    {
        var set = BuildPlatform(Classifier());

        Assert.True(set.Includes(ResidentFollowsForeign));
        Assert.False(set.Includes(FrCreator));
        Assert.False(set.Includes(FrVideo));
        Assert.False(set.Includes(FrLive));
        Assert.Equal(1, set.Report.FollowsOfForeignCreators);
    }

    [Fact]
    public void Build_ForeignFollowsResidentCreator_StaysAndCountsInAudience()
    {
        var set = BuildPlatform(Classifier());

        Assert.False(set.Includes(ForeignFollowsResident));
        Assert.False(set.Includes(ForeignFollowsForeign));
        var audience = Assert.Single(set.Report.Audiences);
        Assert.Equal(new CreatorAudience(10, 1, ResidentFollowers: 1, TotalFollowers: 3), audience);
        Assert.Equal(2, audience.ForeignFollowers);
        Assert.Equal(2, set.Report.FollowsLeftBehind);
    }

    [Fact]
    public void Build_OrdersOfResidentUser_TravelEvenForForeignProduct()
    {
        var set = BuildPlatform(Classifier());

        Assert.True(set.Includes(ResidentBuysForeign));
        Assert.False(set.Includes(FrProduct));
        Assert.False(set.Includes(ForeignBuysResident));
        Assert.Equal(new RowCount(2, 1), set.Report.Orders);
    }

    [Fact]
    public void Build_ProductsOfResidentCreator_Travel()
    {
        var set = BuildPlatform(Classifier());

        Assert.True(set.Includes(UsProduct));
        Assert.False(set.Includes(FrProduct));
        Assert.Equal(new RowCount(2, 1), set.Report.Products);
    }

    [Fact]
    public void Build_EventsOfNonResident_NeverIncluded()
    {
        var set = BuildPlatform(Classifier());

        Assert.True(set.Includes(ResidentOnForeignVideo));
        Assert.False(set.Includes(ForeignOnResidentVideo)); // on a resident creator's video, still the foreign user's event
        Assert.Equal(new RowCount(2, 1), set.Report.Events);
    }

    [Fact]
    public void Build_Report_CountsEveryKind()
    {
        var report = BuildPlatform(Classifier()).Report;

        Assert.Equal((4L, 2L, 2L, 0L), (report.Users, report.Residents, report.NonResidents, report.Conflicts));
        Assert.Equal(new RowCount(4, 2), report.UsersTravelling);
        Assert.Equal(new RowCount(2, 1), report.Creators);
        Assert.Equal(new RowCount(2, 1), report.Videos);
        Assert.Equal(new RowCount(2, 1), report.LiveSessions);
        Assert.Equal(new RowCount(5, 2), report.Follows);
        Assert.Equal("us", report.TargetRegion);
    }

    [Fact]
    public void Build_RelatedFlagOff_KeepsThoseRowsBehind()
    {
        var classifier = Classifier(p =>
        {
            p["related"]!["events"] = false;
            p["related"]!["follows"] = false;
            p["related"]!["products"] = false;
        });

        var set = BuildPlatform(classifier);

        Assert.False(set.Includes(ResidentOnForeignVideo));
        Assert.False(set.Includes(ResidentFollowsResident));
        Assert.False(set.Includes(UsProduct));
        Assert.True(set.Includes(UsVideo));
        Assert.Equal(0, set.Report.Follows.Included);
        Assert.Equal(1, set.Report.Audiences[0].ResidentFollowers); // the audience is still known
    }

    [Fact]
    public void Build_ConflictUnderReportExclude_ReportedNotMoved()
    {
        var builder = new ResidentSetBuilder(Classifier());
        builder.AddUsers([Users.Us(1), Users.Split(2)]).AddCreators([new Creator(30, 2, "split", "US", At)]);

        var set = builder.Build();

        Assert.False(set.IncludesUser(2));
        Assert.False(set.IncludesCreator(30));
        Assert.Equal(1, set.Report.Conflicts);
        Assert.Equal(0, set.Report.ConflictsIncluded);
        var conflict = Assert.Single(set.Report.ConflictSample);
        Assert.Equal((2L, ResidencyVerdict.Conflict, false), (conflict.UserId, conflict.Verdict, conflict.Travels));
        Assert.Contains(conflict.Evidence, e => e is { Signal: ResidencySignal.PhoneCountry, Country: "MX" });
    }

    [Fact]
    public void Build_ConflictUnderReportInclude_ReportedAndMoved()
    {
        var builder = new ResidentSetBuilder(Classifier(p => p["conflicts"] = "report-include"));
        builder.AddUsers([Users.Us(1), Users.Split(2)]).AddCreators([new Creator(30, 2, "split", "US", At)]);

        var set = builder.Build();

        Assert.True(set.IncludesUser(2));
        Assert.True(set.IncludesCreator(30));
        Assert.Equal((1L, 1L, 1L), (set.Report.Residents, set.Report.Conflicts, set.Report.ConflictsIncluded));
        Assert.True(Assert.Single(set.Report.ConflictSample).Travels);
    }

    [Fact]
    public void Build_ManyConflicts_SampleBoundedFullListEnumerable()
    {
        var classifier = Classifier();
        var builder = new ResidentSetBuilder(classifier, conflictSampleSize: 2);
        var conflicted = Enumerable.Range(1, 5).Select(i => Users.Split(i * 10)).ToList();
        builder.AddOrders([new Order(1, 30, 100, 1, 1999, "USD", "MX", At), new Order(2, 30, 100, 1, 1999, "USD", "MX", At)]);
        builder.AddUsers([Users.Us(1), .. conflicted]);

        var report = builder.Build().Report;

        Assert.Equal(2, report.ConflictSample.Count);
        var all = report.EnumerateConflicts().ToList();
        Assert.Equal([10L, 20L, 30L, 40L, 50L], all.Select(d => d.UserId));
        var withOrders = all[2];
        var expected = classifier.Classify(Users.Split(30), ["MX", "MX"]);
        Assert.Equal(expected.Evidence, withOrders.Evidence);
        Assert.Equal(expected.Reason, withOrders.Reason);
        Assert.Equal(report.ConflictSample[1], all[1] with { Evidence = report.ConflictSample[1].Evidence });
    }

    [Fact]
    public void AddOrders_BillingTipsASplitUser_IntoResident()
    {
        var orders = new[] { new Order(1, 5, 100, 1, 1999, "USD", "US", At), new Order(2, 5, 100, 1, 1999, "USD", "US", At) };
        var withOrders = new ResidentSetBuilder(Classifier()).AddOrders(orders).AddUsers([Users.Split(5)]).Build();
        var without = new ResidentSetBuilder(Classifier()).AddUsers([Users.Split(5)]).Build();

        Assert.True(withOrders.IncludesUser(5)); // 2.0 of 2.75 = 73%
        Assert.Equal(new RowCount(2, 2), withOrders.Report.Orders);
        Assert.False(without.IncludesUser(5)); // 1.5 of 2.25 = 67%: conflict
    }

    [Fact]
    public void AddUsers_OutOfOrderWithOrders_FindsEachUsersOrders()
    {
        static Order Billed(long id, long user, string country) => new(id, user, 100, 1, 1999, "USD", country, At);
        var orders = new[] { Billed(1, 9, "US"), Billed(2, 5, "US"), Billed(3, 7, "MX"), Billed(4, 9, "US"), Billed(5, 5, "US"), Billed(6, 3, "US") };

        var set = new ResidentSetBuilder(Classifier())
            .AddOrders(orders)
            .AddUsers([Users.Split(9), Users.Split(5), Users.Split(7), Users.Split(8)])
            .AddUsers([Users.Split(3), Users.Split(10)])
            .Build();

        Assert.Equal([3L, 5L, 9L], set.UserIds.ToArray()); // US orders tip 3, 5 and 9; 7 (MX orders), 8 and 10 (none) stay conflicts
        Assert.Equal(3, set.Report.Conflicts);
        Assert.Equal(new RowCount(6, 5), set.Report.Orders);
    }

    [Fact]
    public void AddOrders_AfterUsersWhenBillingIsASignal_Throws()
    {
        var builder = new ResidentSetBuilder(Classifier()).AddUsers([Users.Us(1)]);

        var e = Assert.Throws<InvalidOperationException>(() => builder.AddOrders([ResidentBuysForeign]));

        Assert.Contains("add every order before the first user", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddOrders_AfterUsersWhenBillingIsNotASignal_Counts()
    {
        var classifier = Classifier(p => p["signals"]!.AsObject().Remove("billingCountry"));

        var set = new ResidentSetBuilder(classifier).AddUsers([Users.Us(1)]).AddOrders([ResidentBuysForeign, ForeignBuysResident]).Build();

        Assert.Equal(new RowCount(2, 1), set.Report.Orders);
    }

    [Fact]
    public void AddUsers_AfterCreators_Throws()
    {
        var builder = new ResidentSetBuilder(Classifier()).AddUsers([Users.Us(1)]).AddCreators([UsCreator]);

        Assert.Throws<InvalidOperationException>(() => builder.AddUsers([Users.Us(2)]));
    }

    [Fact]
    public void AddCreators_AfterFollows_Throws()
    {
        var builder = new ResidentSetBuilder(Classifier()).AddUsers([Users.Us(1)]).AddCreators([UsCreator]).AddFollows([ResidentFollowsResident]);

        Assert.Throws<InvalidOperationException>(() => builder.AddCreators([FrCreator]));
    }

    [Fact]
    public void AddUsers_SameResidentTwice_Throws()
    {
        var builder = new ResidentSetBuilder(Classifier()).AddUsers([Users.Us(2), Users.Us(1), Users.Us(2)]);

        var e = Assert.Throws<InvalidOperationException>(() => builder.Build());

        Assert.Contains("User 2 was added twice", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddUsers_InBatchesOutOfOrder_SetIsSorted()
    {
        var set = new ResidentSetBuilder(Classifier()).AddUsers([Users.Us(9), Users.German(3)]).AddUsers([Users.Us(4), Users.Us(1)]).Build();

        Assert.Equal([1L, 4L, 9L], set.UserIds.ToArray());
        Assert.True(set.IncludesUser(4));
        Assert.False(set.IncludesUser(3));
    }

    [Fact]
    public void Build_Twice_Throws()
    {
        var builder = new ResidentSetBuilder(Classifier());
        builder.Build();

        Assert.Throws<InvalidOperationException>(() => builder.Build());
    }

    private static ResidencyClassifier Classifier(Action<JsonObject>? edit = null) =>
        new(PolicyJson.With(edit ?? (_ => { })), SyntheticIpCountryLookup.Instance);

    private static ResidentSet BuildPlatform(ResidencyClassifier classifier) =>
        new ResidentSetBuilder(classifier)
            .AddOrders([ResidentBuysForeign, ForeignBuysResident])
            .AddUsers([Users.Us(1), Users.Us(2), Users.Make(3, "FR", "82.64.1.1", "FR", "FR"), Users.German(4)])
            .AddEvents([ResidentOnForeignVideo, ForeignOnResidentVideo])
            .AddCreators([UsCreator, FrCreator])
            .AddVideos([UsVideo, FrVideo])
            .AddFollows([ResidentFollowsResident, ResidentFollowsForeign, ForeignFollowsResident, ForeignFollowsResident2, ForeignFollowsForeign])
            .AddLiveSessions([UsLive, FrLive])
            .AddProducts([UsProduct, FrProduct])
            .Build();
}
