using System.CommandLine;

using Whisper.Cli.Console;

namespace Whisper.Cli.Commands.Cutover;

public static partial class CutoverCommand
{
    /// <summary>
    /// <c>whisper cutover advance</c>: applies the next step now and lifts a pause or rollback hold. The operator's
    /// override: the gates are the gateway controller's to read (POST /v1/cutover/advance checks them first), and it
    /// keeps checking them after this step.
    /// </summary>
    private static Command Advance(CliConsole console)
    {
        var plan = PlanOption();
        var state = StateOption();
        var reason = new Option<string>("--reason") { Description = "Why, for the history and the transparency log.", Required = true };
        var log = LogOption();
        var at = AtOption();
        var command = new Command("advance", "Apply the next step now (an operator override of the schedule), lifting a pause or a rollback hold.") { plan, state, reason, log, at };
        command.SetAction((parse, ct) => WithControllerAsync(console, LoadPlan(parse.GetValue(plan)!), parse.GetValue(state)!, parse.GetValue(log), ParseAt(parse.GetValue(at)), async controller =>
        {
            var next = await controller.AdvanceAsync(Environment.UserName is { Length: > 0 } user ? $"cli:{user}" : "cli", parse.GetValue(reason)!, cancellationToken: ct).ConfigureAwait(false);
            var step = controller.Plan.Steps[next.StepsApplied - 1];
            console.Out.WriteLine($"step {step.Number}/{controller.Plan.Steps.Count} applied: {step.Describe()} (state revision {next.Revision}).");
        }));
        return command;
    }

    /// <summary><c>whisper cutover rollback</c>: undoes the last applied step and holds the schedule until the next advance.</summary>
    private static Command Rollback(CliConsole console)
    {
        var plan = PlanOption();
        var state = StateOption();
        var reason = new Option<string>("--reason") { Description = "Why, for the history and the transparency log.", Required = true };
        var log = LogOption();
        var at = AtOption();
        var command = new Command("rollback", "Undo the last applied step: its users go back to the source (their sessions follow); the schedule holds until 'advance'.") { plan, state, reason, log, at };
        command.SetAction((parse, ct) => WithControllerAsync(console, LoadPlan(parse.GetValue(plan)!), parse.GetValue(state)!, parse.GetValue(log), ParseAt(parse.GetValue(at)), async controller =>
        {
            var undone = controller.Plan.Steps[controller.State.StepsApplied - 1 < 0 ? 0 : controller.State.StepsApplied - 1];
            var next = await controller.RollbackAsync(Environment.UserName is { Length: > 0 } user ? $"cli:{user}" : "cli", parse.GetValue(reason)!, ct).ConfigureAwait(false);
            console.Out.WriteLine($"step {undone.Number} ({undone.Describe()}) rolled back; {next.StepsApplied} steps applied, held until 'whisper cutover advance' (state revision {next.Revision}).");
        }));
        return command;
    }
}
