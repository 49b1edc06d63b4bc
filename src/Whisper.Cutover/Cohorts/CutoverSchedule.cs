namespace Whisper.Cutover.Cohorts;

/// <summary>
/// A plan's dates as instants. Each step is due at launch + <c>after_months</c> calendar months + <c>after_days</c>
/// days, counted from the launch every time (never step to step), so a Jan 31 launch is due Feb 28 (29 in a leap year),
/// Mar 31, Apr 30 — the month's last day when the launch day does not exist — at the launch's wall-clock time in the
/// plan's zone. Wall-clock times that a DST change skips move forward by the gap (02:30 on a spring-forward night is
/// 03:30); times it repeats take the first (daylight) occurrence.
/// </summary>
public sealed class CutoverSchedule
{
    private readonly DateTimeOffset[] _due;

    public CutoverSchedule(CutoverPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        Plan = plan;
        Launch = ToInstant(plan.LaunchLocal, plan.TimeZone);
        Sunset = ToInstant(plan.SunsetLocal, plan.TimeZone);
        _due = new DateTimeOffset[plan.Steps.Count];
        for (var i = 0; i < _due.Length; i++)
        {
            var step = plan.Steps[i];
            _due[i] = ToInstant(plan.LaunchLocal.AddMonths(step.AfterMonths).AddDays(step.AfterDays), plan.TimeZone);
        }
    }

    public CutoverPlan Plan { get; }

    public DateTimeOffset Launch { get; }

    public DateTimeOffset Sunset { get; }

    /// <summary>When step <paramref name="index"/> (0-based) is due, UTC.</summary>
    public DateTimeOffset DueAt(int index) => _due[index];

    /// <summary>How many steps are due at <paramref name="now"/>: 0 before launch, all of them once the last is due.</summary>
    public int DueCount(DateTimeOffset now)
    {
        var count = 0;
        while (count < _due.Length && _due[count] <= now)
        {
            count++;
        }

        return count;
    }

    public bool IsSunset(DateTimeOffset now) => now >= Sunset;

    /// <summary>The wall-clock time in the plan's zone, for display.</summary>
    public DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Plan.TimeZone);

    /// <summary>The instant of a wall-clock time in <paramref name="zone"/>, resolving DST gaps and overlaps as the class summary says.</summary>
    public static DateTimeOffset ToInstant(DateTime local, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        TimeSpan offset;
        if (zone.IsInvalidTime(local))
        {
            // In the gap: read the wall-clock time with the offset in force just before it, which lands past the gap.
            offset = zone.GetUtcOffset(local.AddDays(-1));
        }
        else if (zone.IsAmbiguousTime(local))
        {
            offset = zone.GetAmbiguousTimeOffsets(local).Max(); // the larger (daylight) offset is the earlier instant
        }
        else
        {
            offset = zone.GetUtcOffset(local);
        }

        return new DateTimeOffset(local - offset, TimeSpan.Zero);
    }
}
