using System.Net;

using Whisper.Cutover.Cohorts;
using Whisper.Cutover.Control;
using Whisper.Cutover.Geo;

namespace Whisper.Cutover.Gateway;

/// <summary>
/// The per-request rule (docs/cutover.md, "Routing"): a resident (the client IP's country is one of the plan's) whose
/// user is in a moved cohort goes to the fork; any other request goes to the source — except that after the sunset a
/// resident request bound for the source gets the sunset response instead. Addresses without a country (private,
/// reserved, unknown) are not resident. Allocation-free: one geo lookup, one set probe, one hash.
/// </summary>
public sealed class CutoverRouter
{
    private readonly GeoIpService _geo;
    private CohortAssignment _assignment;

    public CutoverRouter(GeoIpService geo, CutoverSchedule schedule, CutoverState state)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(state);
        _geo = geo;
        Schedule = schedule;
        _assignment = new CohortAssignment(schedule.Plan, state.StepsApplied);
    }

    public CutoverSchedule Schedule { get; }

    /// <summary>The cohort decisions use now.</summary>
    public CohortAssignment Assignment => Volatile.Read(ref _assignment);

    /// <summary>Switches to the cohort of <paramref name="state"/>; decisions already made are not revisited.</summary>
    public void Update(CutoverState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.StepsApplied != Assignment.StepsApplied)
        {
            Volatile.Write(ref _assignment, new CohortAssignment(Schedule.Plan, state.StepsApplied));
        }
    }

    public RouteDecision Decide(IPAddress client, long? userId, DateTimeOffset now)
    {
        var geo = _geo.Lookup(client);
        var resident = geo.IsCountry && Schedule.Plan.Countries.Contains(geo.Country!);
        if (!resident)
        {
            return new RouteDecision(RouteTarget.Source, geo, false, userId, false);
        }

        var moved = userId is { } id && Assignment.IsMoved(id);
        var target = moved ? RouteTarget.Fork : Schedule.IsSunset(now) ? RouteTarget.Sunset : RouteTarget.Source;
        return new RouteDecision(target, geo, true, userId, moved);
    }
}
