using Whisper.Cli.Console;
using Whisper.Fork.Purge;

namespace Whisper.Cli.Commands.Fork;

/// <summary>The purge verbs' printed summaries.</summary>
internal static class ForkPurgeReport
{
    public static void WritePreview(CliConsole console, PurgePreview preview)
    {
        console.Out.WriteLine($"dry run: would purge {preview.Residents.Users:N0} residents and {preview.Residents.Creators:N0} creators (ids sha256 {preview.Residents.IdsSha256}); " +
            $"store at event {preview.Plan.EventHead:N0}, change {preview.Plan.ChangeHead:N0}");
        WriteTables(console, preview.Plan.Tables);
        console.Out.WriteLine($"  online features: {preview.OnlineFeatureEntities:N0} entities");
        foreach (var checkpoint in preview.Checkpoints)
        {
            console.Out.WriteLine($"  checkpoint {checkpoint.File}: {checkpoint.UserEntries:N0} user and {checkpoint.HistoryEntries:N0} history entries");
        }

        foreach (var backup in preview.Backups)
        {
            console.Out.WriteLine($"  backup {backup.File}: {backup.Frames:N0} frames, {backup.Records:N0} records; {backup.KeysDestroyed.Count:N0} data keys to destroy");
        }

        if (preview.Repository is { } repository)
        {
            console.Out.WriteLine($"  export {repository.ExportId:D}: {repository.Chunks:N0} chunks, {repository.Bytes:N0} bytes to delete");
        }

        console.Out.WriteLine("dry run: nothing was changed.");
    }

    public static void WriteCertificate(CliConsole console, DeletionCertificate certificate, byte[] bytes, string path)
    {
        console.Out.WriteLine($"purged {certificate.Residents.Users:N0} residents and {certificate.Residents.Creators:N0} creators from {certificate.Store.Provider} {certificate.Store.Location}");
        WriteTables(console, certificate.Tables);
        console.Out.WriteLine($"  online features: {certificate.OnlineFeatureEntities:N0} entities; checkpoints rewritten: {certificate.Checkpoints.Count:N0}; " +
            $"backups shredded: {certificate.Backups.Count:N0} ({certificate.Backups.Sum(b => b.KeysDestroyed.Count):N0} keys destroyed)");
        console.Out.WriteLine($"  deletion certificate {path}, sha256 {Convert.ToHexStringLower(DeletionCertificateFile.DigestOf(bytes))}");
    }

    private static void WriteTables(CliConsole console, IReadOnlyList<PurgeTable> tables)
    {
        foreach (var table in tables)
        {
            console.Out.WriteLine($"  {table.Table,-14} {table.Records,12:N0} records  digest {table.DigestSum}  sha256 {table.Sha256}");
        }
    }
}
