using System.Security.Cryptography;

using Whisper.Fork.Manifest;
using Whisper.Fork.Sync;

namespace Whisper.Fork.Purge;

/// <summary>
/// When a purge may run: the export's manifest verifies under the region's key and was made under the same policy,
/// the fork was frozen at cutover (<see cref="SyncState.FrozenAt"/>: the fork no longer follows the origin, so nothing
/// the purge deletes can flow to it), and the retention window after the freeze is over.
/// </summary>
public static class PurgeGate
{
    /// <exception cref="PurgeRefusedException">Any of the conditions does not hold; the message names it and when it will.</exception>
    public static (ForkManifest Manifest, CertificateManifest Certified) Check(PurgeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var manifest = ManifestFile.Read(options.Repository, options.Keys);
        if (!string.Equals(manifest.PolicySha256, options.PolicySha256, StringComparison.Ordinal))
        {
            throw new PurgeRefusedException(
                $"the policy's SHA-256 {options.PolicySha256[..12]}… is not the one export {manifest.ExportId:D} used ({manifest.PolicySha256[..12]}…); purge with the policy the residents left under");
        }

        var state = SyncState.Load(options.Repository, manifest);
        if (state.FrozenAt is not { } frozenAt)
        {
            throw new PurgeRefusedException(
                $"the fork of export {manifest.ExportId:D} is not frozen: cutover has not happened (run 'whisper fork sync --freeze' at cutover); nothing was purged");
        }

        var allowedAt = frozenAt + options.Retention;
        var now = options.Clock.GetUtcNow();
        if (now < allowedAt)
        {
            throw new PurgeRefusedException(
                $"the retention window is not over: frozen at {frozenAt:O}, retention {options.Retention}, purge allowed from {allowedAt:O} (now {now:O}); nothing was purged");
        }

        var manifestSha = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(options.Repository, ManifestFile.ManifestName))));
        return (manifest, new CertificateManifest(manifest.ExportId, manifestSha, manifest.MerkleRoot, frozenAt));
    }
}
