using System.CommandLine;

using Whisper.Cli.Console;
using Whisper.Fork.Purge;

namespace Whisper.Cli.Commands.Fork;

/// <summary>
/// <c>whisper fork purge</c>: after cutover and the retention window, removes the migrated residents from the origin
/// (store, events, checkpoints, backups by crypto-shredding, export chunks) and issues a signed deletion certificate
/// (docs/purge.md). <c>--dry-run</c> prints what would go and changes nothing. Resumable.
/// </summary>
public static class ForkPurgeCommand
{
    public static Command Create(CliConsole console)
    {
        var source = new StoreSelection("source");
        var scope = ForkPurgeOptions.Scope();
        var state = ForkPurgeOptions.State();
        var keys = ForkOptions.Keys();
        var policy = ForkOptions.Policy();
        var retention = new Option<string>("--retention")
        {
            Description = "How long after the cutover freeze the origin keeps the residents' data, e.g. 30d, 12h, 0s. The purge refuses before it has passed.",
            Required = true,
        };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print exactly what would be removed (per table counts and content hashes) and change nothing." };
        var checkpoints = ForkPurgeOptions.Checkpoints();
        var backups = ForkPurgeOptions.Backups();
        var tlog = new Option<string?>("--tlog") { Description = "Transparency log directory: the certificate's SHA-256 is appended as an audit entry." };
        var batch = new Option<int>("--batch") { Description = "Residents erased per store transaction (1..10000).", DefaultValueFactory = _ => 1_000 };
        var command = new Command("purge", "Remove the migrated residents' data from the origin after cutover and retention; crypto-shred backups; sign a deletion certificate. Resumable.")
        {
            scope, state, keys, policy, retention, dryRun, checkpoints, backups, tlog, batch,
        };
        source.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var retained = ForkPurgeOptions.ParseRetention(parse.GetValue(retention)!);
            var repository = parse.GetValue(scope)!;
            if (!Directory.Exists(repository))
            {
                throw new UsageException($"--scope {repository} is not a directory; pass the export repository the residents left with.");
            }

            var keyProvider = ForkOptions.OpenKeys(parse.GetValue(keys)!);
            var (classifier, policySha) = ForkOptions.OpenPolicy(parse.GetValue(policy)!);
            var checkpointDirs = ForkPurgeOptions.Directories(parse.GetValue(checkpoints), "--checkpoints");
            var backupDirs = ForkPurgeOptions.Directories(parse.GetValue(backups), "--backups");
            var batchSize = ForkExportCommand.CheckedRange(parse.GetValue(batch), 1, Storage.IStoreEraser.MaxIdsPerCall, "--batch");
            return await ForkErrors.RunAsync(console, async () =>
            {
                await using var store = await ForkOptions.OpenStoreAsync(source, parse, ct).ConfigureAwait(false);
                var options = new PurgeOptions
                {
                    Source = store,
                    SourceIdentity = ForkPurgeOptions.IdentityOf(source.Resolve(parse)),
                    Repository = repository,
                    Keys = keyProvider,
                    KeyDirectory = keyProvider.KeyDirectory,
                    Classifier = classifier,
                    PolicySha256 = policySha,
                    Retention = retained,
                    StateDirectory = parse.GetValue(state),
                    CheckpointDirectories = checkpointDirs,
                    BackupDirectories = backupDirs,
                    CatalogBatch = batchSize,
                };
                try
                {
                    if (parse.GetValue(dryRun))
                    {
                        var preview = await ProgressDisplay.RunAsync(console, p => OriginPurger.DryRunAsync(options, new ForkProgressAdapter(p), ct)).ConfigureAwait(false);
                        ForkPurgeReport.WritePreview(console, preview);
                        return ExitCodes.Ok;
                    }

                    var (certificate, bytes) = await ProgressDisplay.RunAsync(console, p => OriginPurger.PurgeAsync(options, new ForkProgressAdapter(p), ct)).ConfigureAwait(false);
                    ForkPurgeReport.WriteCertificate(console, certificate, bytes, Path.Combine(options.StatePath, DeletionCertificateFile.CertificateName));
                    if (parse.GetValue(tlog) is { } logDirectory)
                    {
                        var logged = await ForkPurgeTransparency.LogCertificateAsync(logDirectory, certificate, bytes, ct).ConfigureAwait(false);
                        console.Out.WriteLine($"  transparency log: entry {logged.FirstIndex:N0}, tree size {logged.Head.TreeSize:N0}");
                    }

                    return ExitCodes.Ok;
                }
                catch (PurgeRefusedException e)
                {
                    console.Error.WriteLine($"whisper: purge refused: {e.Message}");
                    return ExitCodes.Failed;
                }
            }).ConfigureAwait(false);
        });
        return command;
    }
}
