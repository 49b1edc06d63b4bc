using System.Text.Json;
using System.Text.Json.Serialization;

using Whisper.Cutover.Cohorts;
using Whisper.Cutover.Control;
using Whisper.Cutover.Gates;

namespace Whisper.Cutover.OperatorApi;

/// <summary>
/// What <c>GET /v1/cutover/status</c> and <c>whisper cutover status</c> print (docs/cutover.md, "Operator API"): the
/// plan's schedule with each step's due time and whether it is applied, the state, the cohort now moved, and the last
/// gate readings. Times are UTC; <c>due_local</c> is the plan's wall clock.
/// </summary>
public sealed record CutoverStatusDocument(
    string GroupId,
    string Region,
    IReadOnlyList<string> Countries,
    string TimeZone,
    DateTimeOffset Launch,
    DateTimeOffset Sunset,
    bool SunsetReached,
    DateTimeOffset Now,
    int StepsApplied,
    int StepsDue,
    int Buckets,
    CutoverPhase Phase,
    string? PhaseReason,
    int ConsecutiveFailures,
    int FailuresToRollback,
    long Revision,
    IReadOnlyList<CutoverStatusDocument.StepStatus> Steps,
    IReadOnlyList<GateReading> Gates,
    IReadOnlyList<CutoverHistoryEntry> History)
{
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        WriteIndented = true,
    };

    public static CutoverStatusDocument From(CutoverSchedule schedule, CutoverState state, int failuresToRollback, IReadOnlyList<GateReading> gates, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(state);
        var plan = schedule.Plan;
        var steps = plan.Steps.Select((s, i) => new StepStatus(
            s.Number,
            s.Moves.ToString().ToLowerInvariant(),
            s.Moves == CohortKind.Everyone ? s.Buckets / 100.0 : null,
            schedule.DueAt(i),
            schedule.ToLocal(schedule.DueAt(i)).DateTime,
            i < state.StepsApplied)).ToList();
        return new CutoverStatusDocument(
            plan.GroupId,
            plan.Region,
            [.. plan.Countries.Order(StringComparer.Ordinal)],
            plan.TimeZone.Id,
            schedule.Launch,
            schedule.Sunset,
            schedule.IsSunset(now),
            now,
            state.StepsApplied,
            schedule.DueCount(now),
            new CohortAssignment(plan, state.StepsApplied).Buckets,
            state.Phase,
            state.PhaseReason,
            state.ConsecutiveFailures,
            failuresToRollback,
            state.Revision,
            steps,
            gates,
            state.History);
    }

    public static CutoverStatusDocument From(CutoverController controller, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(controller);
        return From(controller.Schedule, controller.Refresh(), controller.Options.FailuresToRollback, controller.LastReadings, now);
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>One step of the schedule: what it moves, the share of everyone (null for the override lists), when it is due, whether it is applied.</summary>
    public sealed record StepStatus(int Number, string Moves, double? Percent, DateTimeOffset Due, DateTime DueLocal, bool Applied);
}
