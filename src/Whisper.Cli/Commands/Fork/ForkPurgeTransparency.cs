using System.Security.Cryptography;

using Whisper.Core.Integrity;
using Whisper.Fork.Purge;
using Whisper.Security.Transparency;

namespace Whisper.Cli.Commands.Fork;

/// <summary>
/// Deletion certificates in the transparency log: appended as <see cref="LogEntryKind.Audit"/> entries whose digest is
/// SHA-256 of the certificate's exact bytes, and found again and proven included against the log's signed head.
/// </summary>
internal static class ForkPurgeTransparency
{
    public static async Task<Security.Transparency.AppendResult> LogCertificateAsync(string logDirectory, DeletionCertificate certificate, byte[] bytes, CancellationToken ct)
    {
        var subject = $"fork deletion certificate {certificate.PurgeId:D}: export {certificate.Manifest.ExportId:D} purged from {certificate.Store.Provider} origin of region {certificate.TargetRegion}";
        using var log = TransparencyLog.Open(logDirectory);
        var digest = Convert.ToHexStringLower(DeletionCertificateFile.DigestOf(bytes));
        if (FindIndex(log, digest) is { } existing)
        {
            // A rerun after the append: the entry is there already, so the log holds the certificate exactly once.
            return new Security.Transparency.AppendResult(existing, 0, log.Head);
        }

        return await log.AppendAsync(new LogEntry(LogEntryKind.Audit, subject, SHA256.HashData(bytes), certificate.IssuedAt), ct).ConfigureAwait(false);
    }

    /// <summary>The certificate's leaf index, proven included in the log's current signed head.</summary>
    /// <exception cref="PurgeCertificateException">Not in the log, or the proof or the head's signature does not check.</exception>
    public static long VerifyIncluded(string logDirectory, byte[] certificateBytes)
    {
        if (!TransparencyLog.Exists(logDirectory))
        {
            throw new PurgeCertificateException($"no transparency log at {logDirectory}");
        }

        using var log = TransparencyLog.Open(logDirectory);
        var digest = Convert.ToHexStringLower(DeletionCertificateFile.DigestOf(certificateBytes));
        var index = FindIndex(log, digest) ?? throw new PurgeCertificateException($"the transparency log at {logDirectory} holds no audit entry with the certificate's SHA-256 {digest[..16]}…");
        var head = log.Head;
        if (!head.Verify(log.PublicKey))
        {
            throw new PurgeCertificateException("the transparency log's signed tree head does not verify under its key");
        }

        if (!MerkleTree.VerifyInclusion(index, head.TreeSize, MerkleTree.LeafHash(log.ReadLeaf(index)), log.InclusionProof(index, head.TreeSize), head.RootHash))
        {
            throw new PurgeCertificateException($"the inclusion proof of entry {index} does not lead to the signed root of tree size {head.TreeSize}");
        }

        return index;
    }

    private static long? FindIndex(TransparencyLog log, string digest)
    {
        for (var i = log.Size - 1; i >= 0; i--)
        {
            var entry = log.ReadEntry(i);
            if (entry.Kind == LogEntryKind.Audit && string.Equals(entry.Sha256, digest, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return null;
    }
}
