using System.CommandLine;
using System.Globalization;

using Whisper.Cli.Console;
using Whisper.Cutover.Cohorts;
using Whisper.Cutover.Control;
using Whisper.Cutover.OperatorApi;

namespace Whisper.Cli.Commands.Cutover;

public static partial class CutoverCommand
{
    /// <summary><c>whisper cutover plan</c>: validates a plan (every problem at once, exit 2) and prints its schedule.</summary>
    private static Command Plan(CliConsole console)
    {
        var plan = PlanOption();
        var json = new Option<bool>("--json") { Description = "Print the schedule as the status JSON (nothing applied) instead of a table." };
        var command = new Command("plan", "Check a plan file and print its schedule: each step, what it moves and when it is due (UTC and the plan's wall clock).") { plan, json };
        command.SetAction(parse =>
        {
            var loaded = LoadPlan(parse.GetValue(plan)!);
            var schedule = new CutoverSchedule(loaded);
            if (parse.GetValue(json))
            {
                console.Out.WriteLine(CutoverStatusDocument.From(schedule, CutoverState.Initial(loaded.GroupId), 0, [], DateTimeOffset.UtcNow).ToJson());
                return ExitCodes.Ok;
            }

            console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"plan {loaded.GroupId}: region {loaded.Region} ({string.Join(", ", loaded.Countries.Order(StringComparer.Ordinal))}), zone {loaded.TimeZone.Id}"));
            for (var i = 0; i < loaded.Steps.Count; i++)
            {
                var step = loaded.Steps[i];
                var due = schedule.DueAt(i);
                console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  step {step.Number}  {step.Describe(),-14}  due {due:yyyy-MM-dd HH:mm}Z  ({schedule.ToLocal(due):yyyy-MM-dd HH:mm zzz} local)"));
            }

            console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  sunset            {schedule.Sunset:yyyy-MM-dd HH:mm}Z  ({schedule.ToLocal(schedule.Sunset):yyyy-MM-dd HH:mm zzz} local): residents not moved get 451 -> {loaded.NewAppUrl}"));
            console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  overrides         {loaded.Staff.Count} staff, {loaded.Creators.Count} creators"));
            return ExitCodes.Ok;
        });
        return command;
    }
}
