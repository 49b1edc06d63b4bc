using Whisper.Cli;
using Whisper.Cli.Console;

using var interrupt = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true; // let the command stop cleanly and keep its work
    interrupt.Cancel();
};

return await WhisperCommandLine.RunAsync(args, CliConsole.FromProcess(), interrupt.Token);
