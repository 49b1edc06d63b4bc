using System.CommandLine;
using System.Text.Json;

using Whisper.Cli.Console;
using Whisper.Cutover.Simulation;

namespace Whisper.Cli.Commands.Cutover;

public static partial class CutoverCommand
{
    private static readonly JsonSerializerOptions TimelineJson = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    /// <summary><c>whisper cutover simulate</c>: a months-long cutover on a manual clock with one injected gate failure, printed as a timeline.</summary>
    private static Command Simulate(CliConsole console)
    {
        var defaults = new CutoverSimulation.Options();
        var plan = new Option<string?>("--plan") { Description = "Plan file (default: the built-in US plan, launch 2026-01-31, 25 % a month, sunset 2026-06-30)." };
        var failAfter = new Option<int>("--fail-after-step") { Description = "Inject failing parity checks right after this step is applied (0: never).", DefaultValueFactory = _ => defaults.FailAfterStep };
        var failing = new Option<int>("--failing-checks") { Description = "How many checks in a row fail.", DefaultValueFactory = _ => defaults.FailingChecks };
        var threshold = new Option<int>("--failures-to-rollback") { Description = "N: failing checks in a row that roll the last step back.", DefaultValueFactory = _ => defaults.FailuresToRollback };
        var json = new Option<bool>("--json") { Description = "Print the timeline as JSON." };
        var command = new Command("simulate", "Run a months-long cutover on a simulated clock (no sleeping): launch, monthly gated steps, an injected gate failure with automatic rollback and recovery, sunset.")
        {
            plan, failAfter, failing, threshold, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var loaded = parse.GetValue(plan) is { } path ? LoadPlan(path) : null;
            var options = new CutoverSimulation.Options
            {
                FailAfterStep = parse.GetValue(failAfter) is var f and >= 0 ? f : throw new UsageException("--fail-after-step must be 0 or more."),
                FailingChecks = parse.GetValue(failing) is var c and >= 0 ? c : throw new UsageException("--failing-checks must be 0 or more."),
                FailuresToRollback = parse.GetValue(threshold) is var n and >= 1 ? n : throw new UsageException("--failures-to-rollback must be at least 1."),
            };
            var events = await CutoverSimulation.RunAsync(loaded, options with { FailAfterStep = options.FailAfterStep == 0 ? int.MaxValue : options.FailAfterStep }, ct).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                console.Out.WriteLine(JsonSerializer.Serialize(events, TimelineJson));
            }
            else
            {
                CutoverSimulation.Render(events, console.Out);
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
