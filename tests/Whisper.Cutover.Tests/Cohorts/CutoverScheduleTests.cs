using Whisper.Cutover.Cohorts;

namespace Whisper.Cutover.Tests.Cohorts;

public class CutoverScheduleTests
{
    private static CutoverSchedule Schedule(string launch = "2026-01-31T09:00", string timeZone = "America/New_York", string? steps = null, string sunset = "2026-12-01T09:00") =>
        new(CutoverPlanReader.Parse(TestPlans.Json(launch: launch, timeZone: timeZone, steps: steps, sunset: sunset)));

    private static DateTimeOffset Utc(string text) => DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void DueAt_DefaultPlan_StaffCreatorsAndAQuarterAtLaunchThenMonthly()
    {
        var s = Schedule();

        Assert.Equal(6, s.Plan.Steps.Count);
        Assert.Equal([0, 0, 2500, 5000, 7500, 10000], s.Plan.Steps.Select(x => x.Buckets));
        Assert.Equal(Utc("2026-01-31T14:00Z"), s.DueAt(0)); // 09:00 EST = UTC-5
        Assert.Equal(Utc("2026-01-31T14:00Z"), s.DueAt(2));
    }

    [Fact]
    public void DueAt_LaunchOnThe31st_ClampsToMonthEndWithoutDrifting()
    {
        var s = Schedule();

        Assert.Equal(Utc("2026-02-28T14:00Z"), s.DueAt(3)); // Jan 31 + 1 month: Feb 28, still EST
        Assert.Equal(Utc("2026-03-31T13:00Z"), s.DueAt(4)); // + 2 months from launch: Mar 31, not Mar 28; EDT = UTC-4
        Assert.Equal(Utc("2026-04-30T13:00Z"), s.DueAt(5));
    }

    [Fact]
    public void DueAt_LeapYear_FebruaryHas29Days()
    {
        var s = Schedule(launch: "2028-01-31T09:00", sunset: "2028-12-01T09:00");

        Assert.Equal(Utc("2028-02-29T14:00Z"), s.DueAt(3));
    }

    [Fact]
    public void DueAt_WallClockInTheSpringForwardGap_MovesForwardByTheGap()
    {
        // 2026-03-08 02:00 EST jumps to 03:00 EDT in New York: 02:30 does not exist.
        var s = Schedule(launch: "2026-02-08T02:30", sunset: "2026-12-01T09:00");

        Assert.Equal(Utc("2026-02-08T07:30Z"), s.DueAt(0));
        Assert.Equal(Utc("2026-03-08T07:30Z"), s.DueAt(3)); // = 03:30 EDT
        Assert.Equal(3, s.ToLocal(s.DueAt(3)).Hour);
    }

    [Fact]
    public void DueAt_WallClockRepeatedAtFallBack_TakesTheFirstOccurrence()
    {
        // 2026-11-01 02:00 EDT falls back to 01:00 EST: 01:30 happens twice; the first is 05:30Z.
        var s = Schedule(launch: "2026-10-01T01:30", sunset: "2027-06-01T09:00");

        Assert.Equal(Utc("2026-10-01T05:30Z"), s.DueAt(0));
        Assert.Equal(Utc("2026-11-01T05:30Z"), s.DueAt(3));
        Assert.Equal(Utc("2026-12-01T06:30Z"), s.DueAt(4)); // back on EST
    }

    [Fact]
    public void DueAt_SameWallClockInAnotherZone_IsAnotherInstant()
    {
        var tokyo = Schedule(timeZone: "Asia/Tokyo");
        var utc = Schedule(timeZone: "UTC");

        Assert.Equal(Utc("2026-01-31T00:00Z"), tokyo.DueAt(0)); // 09:00 JST = UTC+9
        Assert.Equal(Utc("2026-01-31T09:00Z"), utc.DueAt(0));
    }

    [Fact]
    public void DueCount_AroundEachDueInstant_CountsStepsExactly()
    {
        var s = Schedule();

        Assert.Equal(0, s.DueCount(s.DueAt(0).AddTicks(-1)));
        Assert.Equal(3, s.DueCount(s.DueAt(0))); // staff, creators and the first quarter share the launch instant
        Assert.Equal(3, s.DueCount(s.DueAt(3).AddTicks(-1)));
        Assert.Equal(4, s.DueCount(s.DueAt(3)));
        Assert.Equal(6, s.DueCount(s.DueAt(5).AddYears(5)));
    }

    [Fact]
    public void IsSunset_AtTheSunsetInstant_IsTrueAndNotBefore()
    {
        var s = Schedule();

        Assert.Equal(Utc("2026-12-01T14:00Z"), s.Sunset);
        Assert.False(s.IsSunset(s.Sunset.AddTicks(-1)));
        Assert.True(s.IsSunset(s.Sunset));
    }

    [Fact]
    public void DueAt_ExplicitSteps_UsesMonthsAndDays()
    {
        var s = Schedule(steps: """[{"moves":"staff"},{"moves":"everyone","percent":10,"after_days":14},{"moves":"everyone","percent":100,"after_months":1,"after_days":1}]""");

        Assert.Equal(Utc("2026-02-14T14:00Z"), s.DueAt(1));
        Assert.Equal(Utc("2026-03-01T14:00Z"), s.DueAt(2)); // Feb 28 + 1 day
        Assert.Equal(1000, s.Plan.Steps[1].Buckets);
    }
}
