using System.Security.Cryptography;

using Whisper.Fork.Manifest;
using Whisper.Security.Transparency;

namespace Whisper.Cli.Commands.Fork;

/// <summary>Records a finished export in the transparency log: anyone holding the log can prove the manifest existed, unchanged.</summary>
internal static class ForkTransparency
{
    public static async Task<AppendResult> LogManifestAsync(string logDirectory, string repository, ForkManifest manifest, CancellationToken ct)
    {
        var bytes = await File.ReadAllBytesAsync(Path.Combine(repository, ManifestFile.ManifestName), ct).ConfigureAwait(false);
        var subject = $"fork export {manifest.ExportId:D} to {manifest.TargetRegion}, merkle root {manifest.MerkleRoot}";
        using var log = TransparencyLog.Open(logDirectory);
        return await log.AppendAsync(new LogEntry(LogEntryKind.MigrationManifest, subject, SHA256.HashData(bytes), manifest.CreatedAt), ct).ConfigureAwait(false);
    }
}
