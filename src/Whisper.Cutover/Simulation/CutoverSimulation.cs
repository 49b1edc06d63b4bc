using System.Globalization;

using Whisper.Cutover.Cohorts;
using Whisper.Cutover.Control;
using Whisper.Cutover.Gates;

namespace Whisper.Cutover.Simulation;

/// <summary>
/// A months-long cutover run on a <see cref="ManualClock"/> with the real controller, state file and cohort
/// assignment: a gate check every simulated <see cref="Options.CheckEvery"/> (an hour) from the day before launch to the
/// day after sunset, the fork's parity
/// verdict scripted to fail for <see cref="Options.FailingChecks"/> checks starting the day after step
/// <see cref="Options.FailAfterStep"/> is applied (enough, with the default N = 3, to roll that step back), an
/// operator re-advancing at the first check after the failure clears, and the sunset. <c>whisper cutover simulate</c> prints it;
/// the demo calls <see cref="RunAsync"/>.
/// </summary>
public static class CutoverSimulation
{
    /// <summary>The US plan the simulation uses when none is given: launch Jan 31 (month-end arithmetic on show), 25 % a month, sunset end of June.</summary>
    public const string DefaultPlanJson = """
        {
          "format": "whisper-cutover-plan",
          "version": 1,
          "group_id": "us-2026",
          "region": "us",
          "countries": ["US", "PR", "GU", "VI", "AS", "MP"],
          "time_zone": "America/New_York",
          "launch": "2026-01-31T09:00",
          "sunset": "2026-06-30T09:00",
          "monthly_percent": 25,
          "staff": [1, 2, 3],
          "creators": [10, 11, 12],
          "new_app_url": "https://us.whisper.example/app"
        }
        """;

    /// <summary>Residents sampled to report the share on the fork.</summary>
    private const int Population = 20_000;

    public static async Task<IReadOnlyList<SimulationEvent>> RunAsync(CutoverPlan? plan = null, Options? options = null, CancellationToken cancellationToken = default)
    {
        plan ??= CutoverPlanReader.Parse(DefaultPlanJson, "built-in plan");
        options ??= new Options();
        var schedule = new CutoverSchedule(plan);
        var clock = new ManualClock(schedule.Launch.AddDays(-1));
        var parity = new ScriptedParity();
        var folder = Path.Combine(Path.GetTempPath(), $"whisper-cutover-sim-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            using var controller = new CutoverController(plan, Path.Combine(folder, "state.json"), [new ParityGate(parity)], new CutoverControllerOptions { FailuresToRollback = options.FailuresToRollback }, clock);
            var events = new List<SimulationEvent>();
            void Add(string action, string detail) => events.Add(new SimulationEvent(clock.GetUtcNow(), schedule.ToLocal(clock.GetUtcNow()).DateTime, action, detail, controller.State.StepsApplied, Share(plan, controller.State.StepsApplied)));

            Add("plan", $"{plan.Steps.Count} steps for {plan.Region} ({string.Join(", ", plan.Countries.Order(StringComparer.Ordinal))}), launch {schedule.Launch:yyyy-MM-dd HH:mm}Z, sunset {schedule.Sunset:yyyy-MM-dd HH:mm}Z");
            var failuresLeft = 0;
            var injected = false;
            var recoverPending = false;
            var sunsetLogged = false;
            for (var day = schedule.Launch.AddDays(-1); day <= schedule.Sunset.AddDays(1); day += options.CheckEvery)
            {
                clock.Set(day);
                if (!sunsetLogged && schedule.IsSunset(day))
                {
                    clock.Set(schedule.Sunset);
                    Add("sunset", $"the source stops serving {plan.Region} addresses; residents not on the fork get 451 pointing to {plan.NewAppUrl}");
                    sunsetLogged = true;
                    clock.Set(day);
                }

                if (!injected && controller.State.StepsApplied == options.FailAfterStep)
                {
                    injected = true;
                    failuresLeft = options.FailingChecks;
                    Add("inject", $"the fork's parity verdict will fail the next {options.FailingChecks} checks (a stale embedding table)");
                }
                else if (failuresLeft > 0)
                {
                    failuresLeft--;
                    recoverPending = failuresLeft == 0;
                }

                parity.Verdict = failuresLeft > 0 ? GateVerdict.Fail : GateVerdict.Pass;
                var check = await controller.CheckAsync(cancellationToken).ConfigureAwait(false);
                if (check.Verdict == GateVerdict.Fail)
                {
                    Add(check.Action == "rollback" ? "rollback" : "gate-fail", check.Action == "rollback" ? controller.State.PhaseReason ?? string.Empty : $"parity fails ({controller.State.ConsecutiveFailures} of {options.FailuresToRollback} in a row)");
                }
                else if (check.Action.EndsWith("advance", StringComparison.Ordinal))
                {
                    Add("advance", $"step {controller.State.StepsApplied}: {plan.Steps[controller.State.StepsApplied - 1].Describe()}");
                }

                if (recoverPending && failuresLeft == 0 && controller.State.Phase == CutoverPhase.RolledBack)
                {
                    recoverPending = false;
                    await controller.AdvanceAsync("operator", "embedding table refreshed; parity passes again", cancellationToken: cancellationToken).ConfigureAwait(false);
                    Add("recover", $"operator re-applies step {controller.State.StepsApplied}: {plan.Steps[controller.State.StepsApplied - 1].Describe()}");
                }
            }

            return events;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The timeline as aligned text lines.</summary>
    public static void Render(IReadOnlyList<SimulationEvent> events, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(output);
        foreach (var e in events)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{e.Local:yyyy-MM-dd HH:mm}  {e.Action,-9}  fork {e.ShareOnFork,6:P1}  {e.Detail}"));
        }
    }

    private static double Share(CutoverPlan plan, int stepsApplied)
    {
        var assignment = new CohortAssignment(plan, stepsApplied);
        var moved = 0;
        for (long user = 1_000; user < 1_000 + Population; user++)
        {
            moved += assignment.IsMoved(user) ? 1 : 0;
        }

        return (double)moved / Population;
    }

    /// <summary>What to inject: failing checks right after step <see cref="FailAfterStep"/> (default 4, the 50 % step) and the rollback threshold N.</summary>
    public sealed record Options
    {
        public int FailAfterStep { get; init; } = 4;

        public int FailingChecks { get; init; } = 3;

        public int FailuresToRollback { get; init; } = 3;

        /// <summary>Time between controller checks (the gateway's <c>CheckInterval</c>).</summary>
        public TimeSpan CheckEvery { get; init; } = TimeSpan.FromHours(1);
    }

    private sealed class ScriptedParity : IParityVerdictSource
    {
        public GateVerdict Verdict { get; set; } = GateVerdict.Pass;

        public ValueTask<GateReading> ReadAsync(CancellationToken cancellationToken) =>
            ValueTask.FromResult(new GateReading("parity", Verdict, Verdict == GateVerdict.Pass ? "pass" : "fail: ndcg@10 0.81 < 0.95 of source"));
    }
}
