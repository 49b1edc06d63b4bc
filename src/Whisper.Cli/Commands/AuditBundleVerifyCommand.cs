using System.CommandLine;

using Whisper.Cli.Console;
using Whisper.Security.Evidence;

namespace Whisper.Cli.Commands;

/// <summary>
/// <c>whisper audit-bundle verify</c>: checks a bundle offline (signature, every file's size and hash, no extra or
/// missing file, no traversal entry, each artefact's own check). Exit 0 valid, 1 tampered (each problem named), 2 bad input.
/// </summary>
public static class AuditBundleVerifyCommand
{
    public static Command Create(CliConsole console)
    {
        var bundle = new Argument<string>("bundle") { Description = "The bundle to check." };
        var publicKey = new Option<string?>("--public-key")
        {
            Description = "Pin the signer: the region's public key, DER SPKI (signing.spki), obtained out of band. Without it the bundle's own key is used and its fingerprint printed for you to compare.",
        };
        var command = new Command("verify", "Verify an evidence bundle offline: signature, hashes, completeness, and each artefact's own proofs.") { bundle, publicKey };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(bundle)!;
            var pinned = parse.GetValue(publicKey) is { } keyPath ? AuditBundleCommand.ReadInput(keyPath, "--public-key") : [];
            if (!File.Exists(path))
            {
                throw new UsageException($"no bundle at {path}; check the path.");
            }

            EvidenceVerification result;
            try
            {
                using var stream = File.OpenRead(path);
                result = EvidenceBundleReader.Verify(stream, pinned, [.. JsonEvidenceCheck.BuiltIn, .. AuditBundleKindChecks.All]);
            }
            catch (EvidenceBundleInputException e)
            {
                throw new UsageException($"{path}: {e.Message}");
            }

            foreach (var problem in result.Problems)
            {
                console.Out.WriteLine($"FAIL {problem}");
            }

            if (!result.Valid)
            {
                console.Out.WriteLine($"{path} is NOT valid: {result.Problems.Count} problem(s).");
                return ExitCodes.Failed;
            }

            var manifest = result.Manifest!;
            console.Out.WriteLine($"OK {path}: {manifest.Files.Count} files for region {manifest.Region}, created {manifest.Created:u}, signed by key {result.SignerFingerprint}");
            if (!result.Pinned)
            {
                console.Out.WriteLine($"key not pinned: the bundle is consistent with its own key; compare {result.SignerFingerprint} with the fingerprint the region published, or pass --public-key.");
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
