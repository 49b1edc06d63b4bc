using System.CommandLine;

using Whisper.Cli.Console;
using Whisper.Fork.Backup;
using Whisper.Fork.Records;

namespace Whisper.Cli.Commands.Fork;

/// <summary>
/// <c>whisper fork backup</c>: an origin backup whose records are sealed per user and per creator under data keys kept
/// in a vault in the key directory, so a later purge can crypto-shred exactly the residents' records (docs/purge.md).
/// </summary>
public static class ForkBackupCommand
{
    public static Command Create(CliConsole console)
    {
        var source = new StoreSelection("source");
        var keys = ForkOptions.Keys();
        var output = new Option<string>("--out") { Description = "The backup file to write (*.wbk).", Required = true };
        var command = new Command("backup", "Back up a store with per-user and per-creator data keys (crypto-shreddable by 'whisper fork purge').") { keys, output };
        source.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(output)!;
            if (!path.EndsWith(".wbk", StringComparison.Ordinal))
            {
                throw new UsageException($"--out {path} must end in .wbk, the name purge and verify-purge look for.");
            }

            var keyProvider = ForkOptions.OpenKeys(parse.GetValue(keys)!);
            return await ForkErrors.RunAsync(console, async () =>
            {
                await using var store = await ForkOptions.OpenStoreAsync(source, parse, ct).ConfigureAwait(false);
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
                var summary = await ProgressDisplay.RunAsync(console, p => OriginBackup.WriteAsync(store, keyProvider, keyProvider.KeyDirectory, path, progress: new ForkProgressAdapter(p), ct: ct)).ConfigureAwait(false);
                console.Out.WriteLine($"backup {summary.BackupId:D} → {summary.Path}: {summary.Records.Values.Sum():N0} records in {summary.Frames:N0} frames under {summary.Keys:N0} data keys (vault {summary.VaultPath})");
                foreach (var (table, records) in summary.Records)
                {
                    console.Out.WriteLine($"  {ForkTables.NameOf(table),-14} {records,12:N0} records");
                }

                return ExitCodes.Ok;
            }).ConfigureAwait(false);
        });
        return command;
    }
}
