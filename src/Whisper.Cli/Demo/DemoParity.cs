using Spectre.Console;

using Whisper.Cli.Commands.Parity;
using Whisper.Cli.Console;
using Whisper.Cutover.Simulation;
using Whisper.Parity;

namespace Whisper.Cli.Demo;

/// <summary>
/// The demo's proof before any user moves: shadow the source log's recent requests to the source and the US fork
/// (docs/parity.md) and gate on the result; then a months-long phased cutover on a simulated clock, with an injected
/// gate failure that rolls a step back (docs/cutover.md).
/// </summary>
public static class DemoParity
{
    public static async Task<ParityReport> RunAsync(DemoOptions options, CliConsole console, CancellationToken ct)
    {
        console.Ansi.Write(new Rule("[bold]Parity: is the fork as good as the source?[/]").LeftJustified());
        var parity = new ParityDemoOptions(options.StorePath, options.CheckpointDirectory, options.ForkStorePath, options.ForkModelPath, options.ParityResultsPath);
        var report = await ProgressDisplay.RunAsync(console, progress =>
            ParityDemo.RunAsync(parity, new ParityRunCommand.ShadowProgressAdapter(progress), ct)).ConfigureAwait(false);
        ParityRunCommand.WriteSummary(console, report, options.ParityResultsPath);
        return report;
    }

    public static async Task<IReadOnlyList<SimulationEvent>> SimulateCutoverAsync(CliConsole console, CancellationToken ct)
    {
        console.Ansi.Write(new Rule("[bold]Cutover: 25 % of US users a month, simulated clock[/]").LeftJustified());
        var events = await CutoverSimulation.RunAsync(cancellationToken: ct).ConfigureAwait(false);
        CutoverSimulation.Render(events, console.Out);
        return events;
    }
}
