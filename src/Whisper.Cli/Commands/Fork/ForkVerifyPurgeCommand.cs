using System.CommandLine;

using Whisper.Cli.Console;
using Whisper.Fork.Purge;

namespace Whisper.Cli.Commands.Fork;

/// <summary>
/// <c>whisper fork verify-purge</c>: scans the origin's store, checkpoints, backups and export repository for any record
/// of the purged residents it can still read; exit 1 naming each survivor. Optionally checks a deletion certificate's
/// signature and its inclusion in the transparency log.
/// </summary>
public static class ForkVerifyPurgeCommand
{
    public static Command Create(CliConsole console)
    {
        var source = new StoreSelection("source");
        var scope = ForkPurgeOptions.Scope();
        var state = ForkPurgeOptions.State();
        var keys = ForkOptions.Keys();
        var checkpoints = ForkPurgeOptions.Checkpoints();
        var backups = ForkPurgeOptions.Backups();
        var certificate = new Option<string?>("--certificate") { Description = "A deletion certificate to verify (its .sig beside it), signed by the region key in --keys." };
        var tlog = new Option<string?>("--tlog") { Description = "With --certificate: the transparency log that must include the certificate's SHA-256." };
        var command = new Command("verify-purge", "Prove no purged resident's record is still readable at the origin (store, checkpoints, backups, export chunks); exit 1 naming any survivor.")
        {
            scope, state, keys, checkpoints, backups, certificate, tlog,
        };
        source.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var repository = parse.GetValue(scope)!;
            var stateDirectory = parse.GetValue(state) ?? Path.Combine(repository, "purge");
            var keyProvider = ForkOptions.OpenKeys(parse.GetValue(keys)!);
            var checkpointDirs = ForkPurgeOptions.Directories(parse.GetValue(checkpoints), "--checkpoints");
            var backupDirs = ForkPurgeOptions.Directories(parse.GetValue(backups), "--backups");
            if (parse.GetValue(tlog) is not null && parse.GetValue(certificate) is null)
            {
                throw new UsageException("--tlog checks a certificate's inclusion; pass --certificate too.");
            }

            var residents = LoadScope(stateDirectory);
            return await ForkErrors.RunAsync(console, async () =>
            {
                var failed = false;
                if (parse.GetValue(certificate) is { } certificatePath)
                {
                    failed |= !VerifyCertificate(console, certificatePath, keyProvider, parse.GetValue(tlog));
                }

                await using var store = await ForkOptions.OpenStoreAsync(source, parse, ct).ConfigureAwait(false);
                var verifier = new PurgeVerifier(residents)
                {
                    Source = store,
                    SourceName = ForkPurgeOptions.IdentityOf(source.Resolve(parse)).Location,
                    VideoIds = PurgeJournal.Load(stateDirectory)?.Plan.VideoIds ?? [],
                    CheckpointDirectories = checkpointDirs,
                    BackupDirectories = backupDirs,
                    Keys = keyProvider,
                    KeyDirectory = keyProvider.KeyDirectory,
                    Repository = repository,
                };
                var report = await ProgressDisplay.RunAsync(console, p => verifier.VerifyAsync(new ForkProgressAdapter(p), ct)).ConfigureAwait(false);
                foreach (var survivor in report.Survivors)
                {
                    console.Error.WriteLine($"SURVIVOR {survivor}");
                }

                if (!report.Clean)
                {
                    console.Error.WriteLine($"whisper: verify-purge FAILED: {report.SurvivorCount:N0} record(s) of purged residents are still readable ({report.Survivors.Count:N0} named above)");
                    return ExitCodes.Failed;
                }

                console.Out.WriteLine($"verify-purge: {report.RecordsScanned:N0} records scanned, no purged resident's record is readable; {report.ShreddedFrames:N0} backup frames are shredded (key destroyed)");
                return failed ? ExitCodes.Failed : ExitCodes.Ok;
            }).ConfigureAwait(false);
        });
        return command;
    }

    private static PurgeScope LoadScope(string stateDirectory)
    {
        try
        {
            return PurgeScope.Load(stateDirectory)
                ?? throw new UsageException($"no {PurgeScope.FileName} in {stateDirectory}: verify-purge checks the residents a purge fixed; run 'whisper fork purge' first (or pass --state).");
        }
        catch (InvalidDataException e)
        {
            throw new UsageException(e.Message);
        }
    }

    private static bool VerifyCertificate(CliConsole console, string path, Whisper.Fork.Keys.IKeyProvider keys, string? logDirectory)
    {
        try
        {
            var certificate = DeletionCertificateFile.Verify(path, keys);
            console.Out.WriteLine($"certificate {certificate.PurgeId:D}: signature valid (region signing key), {certificate.Tables.Sum(t => t.Records):N0} records, {certificate.Backups.Sum(b => b.KeysDestroyed.Count):N0} keys destroyed");
            if (logDirectory is not null)
            {
                var index = ForkPurgeTransparency.VerifyIncluded(logDirectory, File.ReadAllBytes(path));
                console.Out.WriteLine($"certificate is entry {index:N0} of the transparency log, inclusion proven against its signed head");
            }

            return true;
        }
        catch (PurgeCertificateException e)
        {
            console.Error.WriteLine($"whisper: certificate FAILED: {e.Message}");
            return false;
        }
    }
}
