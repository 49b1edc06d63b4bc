using System.CommandLine;

using Whisper.Cli.Console;
using Whisper.Fork.Keys;

namespace Whisper.Cli.Commands.Fork;

/// <summary><c>whisper fork keys create|rotate</c>: a region's key directory (file-based key provider).</summary>
public static class ForkKeysCommand
{
    public static Command Create(CliConsole console)
    {
        var createKeys = ForkOptions.Keys();
        var create = new Command("create", "Create a region key directory: a 256-bit master key and an ECDSA P-256 manifest signing key (files 0600).") { createKeys };
        create.SetAction(parse =>
        {
            var directory = parse.GetValue(createKeys)!;
            if (Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory).Any())
            {
                throw new UsageException($"{directory} already holds keys; use 'whisper fork keys rotate --keys {directory}' for a new master key, or pick an empty directory.");
            }

            var keys = FileKeyProvider.Create(directory);
            console.Out.WriteLine($"created key directory {directory}: master key {keys.CurrentKeyId} and a signing key. Keep it out of version control and back it up.");
            return ExitCodes.Ok;
        });

        var rotateKeys = ForkOptions.Keys();
        var rotate = new Command("rotate", "Make a new master key current; older keys stay so existing chunks still open.") { rotateKeys };
        rotate.SetAction(parse =>
        {
            var keys = ForkOptions.OpenKeys(parse.GetValue(rotateKeys)!);
            var previous = keys.CurrentKeyId;
            var id = keys.Rotate();
            console.Out.WriteLine($"master key {id} is now current (was {previous}); {keys.KeyIds.Count} keys kept.");
            return ExitCodes.Ok;
        });

        return new Command("keys", "A region's fork keys: create, rotate.") { create, rotate };
    }
}
