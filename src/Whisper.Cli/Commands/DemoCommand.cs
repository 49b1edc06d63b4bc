using System.CommandLine;

using Whisper.Cli.Console;
using Whisper.Cli.Demo;

namespace Whisper.Cli.Commands;

/// <summary><c>whisper demo</c>: the main job on the embedded defaults.</summary>
public static class DemoCommand
{
    public static Command Create(CliConsole console)
    {
        var shape = new WorldShapeOptions();
        var dataDir = new Option<string>("--data-dir") { Description = "Folder for the demo's store, ground truth and keys.", DefaultValueFactory = _ => ".whisper/demo" };
        var urls = ServeCommand.UrlsOption();
        var exit = new Option<bool>("--exit-after-start") { Description = "Stop after the self-check instead of serving until Ctrl+C." };
        var command = new Command("demo", "Build a world, ingest it, start the server, self-check it over HTTP and show where to look.") { dataDir, urls, exit };
        shape.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var options = new DemoOptions(parse.GetValue(dataDir)!, shape.Resolve(parse), parse.GetValue(urls)!, parse.GetValue(exit));
            await DemoRunner.RunAsync(options, console, ct).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }
}
