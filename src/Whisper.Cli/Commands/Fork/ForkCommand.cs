using System.CommandLine;

using Whisper.Cli.Console;

namespace Whisper.Cli.Commands.Fork;

/// <summary><c>whisper fork …</c>: move a region's residents into a sovereign copy (docs/migration-format.md).</summary>
public static class ForkCommand
{
    public static Command Create(CliConsole console) => new("fork", "Fork a region: keys, export, import, verify, sync.")
    {
        ForkKeysCommand.Create(console),
        ForkExportCommand.Create(console),
        ForkImportCommand.Create(console),
        ForkVerifyCommand.Create(console),
        ForkSyncCommand.Create(console),
        ForkBackupCommand.Create(console),
        ForkPurgeCommand.Create(console),
        ForkVerifyPurgeCommand.Create(console),
    };
}
