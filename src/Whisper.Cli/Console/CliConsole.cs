using Spectre.Console;

namespace Whisper.Cli.Console;

/// <summary>
/// Where a command writes. Tests pass string writers; the real process passes the terminal.
/// <see cref="Interactive"/> is false without a TTY, where Spectre hides progress bars and commands print plain lines instead.
/// </summary>
public sealed record CliConsole(TextWriter Out, TextWriter Error, IAnsiConsole Ansi, bool Interactive)
{
    public static CliConsole FromProcess() => new(
        System.Console.Out,
        System.Console.Error,
        AnsiConsole.Console,
        !System.Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive);

    public static CliConsole ForWriters(TextWriter output, TextWriter error) => new(
        output,
        error,
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Interactive = InteractionSupport.No, Ansi = AnsiSupport.No }),
        Interactive: false);
}
