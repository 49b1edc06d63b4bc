using System.CommandLine;
using System.Globalization;

using Whisper.Cli.Console;
using Whisper.Cutover.Cohorts;
using Whisper.Cutover.Control;
using Whisper.Security.Transparency;

namespace Whisper.Cli.Commands.Cutover;

/// <summary>
/// <c>whisper cutover …</c> (docs/cutover.md, docs/cli.md): <c>plan</c> checks a plan file and prints its schedule;
/// <c>status</c>, <c>advance</c> and <c>rollback</c> work on the plan and state files every gateway replica reads (a
/// running gateway picks a change up at its next state refresh); <c>simulate</c> runs a months-long cutover on a
/// manual clock; <c>gateway</c> runs a gateway replica. One verb per file: <c>CutoverCommand.&lt;Verb&gt;.cs</c>.
/// </summary>
public static partial class CutoverCommand
{
    public const string DefaultStatePath = ".whisper/cutover/state.json";

    public static Command Create(CliConsole console) => new("cutover", "Cutover gateway: phased cohorts, gated steps with automatic rollback, sunset.")
    {
        Plan(console),
        Status(console),
        Advance(console),
        Rollback(console),
        Simulate(console),
        Gateway(console),
    };

    private static Option<string> PlanOption() => new("--plan")
    {
        Description = "Plan file (JSON, docs/cutover.md \"Plan file\").",
        Required = true,
    };

    private static Option<string> StateOption() => new("--state")
    {
        Description = $"State file shared by the gateway replicas (default {DefaultStatePath}; created on the first step).",
        DefaultValueFactory = _ => DefaultStatePath,
    };

    private static Option<string?> AtOption() => new("--at")
    {
        Description = "Evaluate at this instant (ISO 8601 with offset, e.g. 2026-03-01T12:00Z) instead of now.",
    };

    private static Option<string?> LogOption() => new("--log")
    {
        Description = "Transparency log directory to record the step in (as 'whisper tlog' uses it); left out: the gateway log only.",
    };

    private static CutoverPlan LoadPlan(string path)
    {
        if (!File.Exists(path))
        {
            throw new UsageException($"--plan {path} does not exist; write one as docs/cutover.md \"Plan file\" shows.");
        }

        try
        {
            return CutoverPlanReader.ReadFile(path);
        }
        catch (CutoverPlanException e)
        {
            throw new UsageException(e.Message);
        }
    }

    private static DateTimeOffset ParseAt(string? text) =>
        text is null ? DateTimeOffset.UtcNow
        : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at
        : throw new UsageException($"--at '{text}' is not an instant; use ISO 8601 such as 2026-03-01T12:00Z.");

    /// <summary>Opens the controller over the plan and state (no gates: the CLI is the operator's override), and the transparency log when asked.</summary>
    private static async Task<int> WithControllerAsync(CliConsole console, CutoverPlan plan, string statePath, string? logDirectory, DateTimeOffset at, Func<CutoverController, Task> work)
    {
        TransparencyLog? log = null;
        try
        {
            log = logDirectory is null ? null : TransparencyLog.Open(logDirectory);
            using var controller = new CutoverController(plan, statePath, [], time: new FixedClock(at), audit: log);
            await work(controller).ConfigureAwait(false);
            return ExitCodes.Ok;
        }
        catch (CutoverPlanException e)
        {
            throw new UsageException(e.Message);
        }
        catch (CutoverRefusedException e)
        {
            console.Error.WriteLine($"whisper: {e.Message}");
            return ExitCodes.Failed;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            console.Error.WriteLine($"whisper: {e.Message}");
            return ExitCodes.Failed;
        }
        finally
        {
            log?.Dispose();
        }
    }

    private sealed class FixedClock(DateTimeOffset at) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => at;
    }
}
