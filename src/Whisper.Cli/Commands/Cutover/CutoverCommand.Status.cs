using System.CommandLine;

using Whisper.Cli.Console;
using Whisper.Cutover.Control;
using Whisper.Cutover.OperatorApi;

namespace Whisper.Cli.Commands.Cutover;

public static partial class CutoverCommand
{
    /// <summary><c>whisper cutover status</c>: the status JSON (the operator API's GET /v1/cutover/status) from the plan and state files.</summary>
    private static Command Status(CliConsole console)
    {
        var plan = PlanOption();
        var state = StateOption();
        var at = AtOption();
        var command = new Command("status", "Print the cutover's status as JSON: steps applied and due, phase, cohort share, history.") { plan, state, at };
        command.SetAction(parse =>
        {
            var loaded = LoadPlan(parse.GetValue(plan)!);
            var now = ParseAt(parse.GetValue(at));
            try
            {
                var current = CutoverStateFile.Load(parse.GetValue(state)!, loaded);
                console.Out.WriteLine(CutoverStatusDocument.From(new Whisper.Cutover.Cohorts.CutoverSchedule(loaded), current, new CutoverControllerOptions().FailuresToRollback, [], now).ToJson());
                return ExitCodes.Ok;
            }
            catch (Whisper.Cutover.Cohorts.CutoverPlanException e)
            {
                throw new UsageException(e.Message);
            }
        });
        return command;
    }
}
