using System.Net;

using Whisper.Cutover.Cohorts;
using Whisper.Cutover.Control;
using Whisper.Cutover.Gateway;
using Whisper.Cutover.Tests.Geo;

namespace Whisper.Cutover.Tests.Gateway;

public class CutoverRouterTests
{
    private static readonly CutoverSchedule Schedule = new(CutoverPlanReader.Parse(TestPlans.Json(staff: "[1]")));
    private static readonly IPAddress UsClient = IPAddress.Parse("8.8.8.8");
    private static readonly IPAddress FrClient = IPAddress.Parse("81.0.0.1");

    private static CutoverRouter Router(int stepsApplied) =>
        new(GeoTestData.Service(), Schedule, CutoverState.Initial("us-2026") with { StepsApplied = stepsApplied });

    private static DateTimeOffset BeforeSunset => Schedule.Sunset.AddDays(-1);

    [Fact]
    public void Decide_ResidentInAMovedCohort_GoesToTheFork()
    {
        var d = Router(1).Decide(UsClient, 1, BeforeSunset);

        Assert.Equal(RouteTarget.Fork, d.Target);
        Assert.True(d.Resident);
        Assert.Equal("US", d.Geo.Country);
    }

    [Fact]
    public void Decide_ResidentNotMovedYet_GoesToTheSource() =>
        Assert.Equal(RouteTarget.Source, Router(0).Decide(UsClient, 1, BeforeSunset).Target);

    [Fact]
    public void Decide_MovedUserFromAbroad_GoesToTheSource() =>
        Assert.Equal(RouteTarget.Source, Router(6).Decide(FrClient, 1, BeforeSunset).Target);

    [Theory]
    [InlineData("10.1.1.1")]
    [InlineData("127.0.0.1")]
    [InlineData("8.8.9.1")] // no range: unknown
    public void Decide_AddressWithoutACountry_IsNotResident(string address)
    {
        var d = Router(6).Decide(IPAddress.Parse(address), 1, Schedule.Sunset.AddDays(1));

        Assert.Equal(RouteTarget.Source, d.Target);
        Assert.False(d.Resident);
    }

    [Fact]
    public void Decide_AnonymousResident_NeverMovedButSunsetAfterTheDate()
    {
        var router = Router(6);

        Assert.Equal(RouteTarget.Source, router.Decide(UsClient, null, BeforeSunset).Target);
        Assert.Equal(RouteTarget.Sunset, router.Decide(UsClient, null, Schedule.Sunset).Target);
    }

    [Fact]
    public void Decide_AfterSunset_UnmovedResidentGetsTheSunsetMovedResidentTheFork()
    {
        var router = Router(1); // only staff moved (a rollback left the rest behind)

        Assert.Equal(RouteTarget.Fork, router.Decide(UsClient, 1, Schedule.Sunset).Target);
        Assert.Equal(RouteTarget.Sunset, router.Decide(UsClient, 2, Schedule.Sunset).Target);
        Assert.Equal(RouteTarget.Source, router.Decide(FrClient, 2, Schedule.Sunset).Target);
    }

    [Fact]
    public void Update_RolledBackState_NewDecisionsUseThePreviousCohort()
    {
        var router = Router(3);
        var user = Enumerable.Range(100, 10_000).First(u => CohortBucket.Of("us-2026", u) < 2500);
        Assert.Equal(RouteTarget.Fork, router.Decide(UsClient, user, BeforeSunset).Target);

        router.Update(CutoverState.Initial("us-2026") with { StepsApplied = 2 });

        Assert.Equal(RouteTarget.Source, router.Decide(UsClient, user, BeforeSunset).Target);
    }
}
