using System.CommandLine;

using Whisper.Cli.Console;
using Whisper.Server.Transparency;

namespace Whisper.Cli.Commands;

public static partial class TlogCommand
{
    /// <summary><c>whisper tlog head</c>: prints a freshly signed head of the log as JSON.</summary>
    private static Command Head(CliConsole console)
    {
        var log = LogOption();
        var key = KeyOption();
        var command = new Command("head", "Print the log's signed tree head (size, root, timestamp, key id, signature, public key) as JSON.") { log, key };
        command.SetAction((parse, ct) => WithLogAsync(console, parse, log, key, create: false, opened =>
        {
            WriteJson(console, SignedTreeHeadDocument.From(opened.Head, opened.PublicKey), IndentedJson.SignedTreeHeadDocument);
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }
}
