using System.CommandLine;
using System.Security.Cryptography;

using Whisper.Cli.Console;
using Whisper.Security.Evidence;

namespace Whisper.Cli.Commands;

/// <summary>
/// <c>whisper audit-bundle create</c>: gathers the named artefacts, hashes them into a manifest, signs it with the
/// region's P-256 signing key and writes the archive atomically. Prints the signer's fingerprint, which a reviewer pins.
/// </summary>
public static class AuditBundleCreateCommand
{
    public static Command Create(CliConsole console)
    {
        var output = new Option<string>("--out") { Description = $"Bundle to write (conventionally *{EvidenceBundleFormat.Extension}).", Required = true };
        var signingKey = new Option<string>("--signing-key")
        {
            Description = "The region's ECDSA P-256 signing key, DER PKCS#8 (the key directory's signing.pkcs8).",
            Required = true,
        };
        var region = new Option<string>("--region") { Description = "The region whose evidence this is (written into the manifest).", Required = true };
        var sarif = Many("--sarif", "A 'whisper audit' SARIF report.");
        var registry = Many("--model-registry", "The model registry (<tlog>/model-registry.json); needs --tlog-public-key.");
        var logKey = new Option<string?>("--tlog-public-key") { Description = "The transparency log's head public key, DER SPKI (<tlog>/head-signing.spki)." };
        var head = Many("--tlog-head", "A signed tree head as 'whisper tlog head' prints it.");
        var certificate = Many("--certificate", "A deletion certificate (its .sig beside it unless --certificate-signature is given).");
        var certificateSignature = Many("--certificate-signature", "The signature of each --certificate, in the same order.");
        var manipulation = Many("--manipulation-report", "A 'whisper integrity ranking' report.");
        var compliance = Many("--compliance-json", "A 'whisper compliance --json' report.");

        var command = new Command("create", "Sign a region's evidence (SARIF, model registry, deletion certificates, manipulation and compliance reports, tree heads) into one archive.")
        {
            output, signingKey, region, sarif, registry, logKey, head, certificate, certificateSignature, manipulation, compliance,
        };
        command.SetAction(parse =>
        {
            var artefacts = new List<EvidenceArtefact>();
            Add(artefacts, parse.GetValue(sarif), "--sarif", EvidenceKinds.Sarif, "sarif");
            Add(artefacts, parse.GetValue(registry), "--model-registry", EvidenceKinds.ModelRegistry, "models");
            if (parse.GetValue(logKey) is { } logKeyPath)
            {
                Add(artefacts, [logKeyPath], "--tlog-public-key", EvidenceKinds.LogPublicKey, "tlog");
            }
            else if (parse.GetValue(registry) is { Length: > 0 } || parse.GetValue(head) is { Length: > 0 })
            {
                throw new UsageException("--model-registry and --tlog-head are checked under the log's key: add --tlog-public-key <tlog>/head-signing.spki.");
            }

            Add(artefacts, parse.GetValue(head), "--tlog-head", EvidenceKinds.TreeHead, "tlog");
            AddCertificates(artefacts, parse.GetValue(certificate) ?? [], parse.GetValue(certificateSignature) ?? []);
            Add(artefacts, parse.GetValue(manipulation), "--manipulation-report", EvidenceKinds.ManipulationReport, "integrity");
            Add(artefacts, parse.GetValue(compliance), "--compliance-json", EvidenceKinds.ComplianceReport, "compliance");
            if (artefacts.Count == 0)
            {
                throw new UsageException("nothing to bundle: name at least one artefact (--sarif, --model-registry, --certificate, --manipulation-report, --compliance-json, --tlog-head).");
            }

            using var key = LoadSigningKey(parse.GetValue(signingKey)!);
            var path = parse.GetValue(output)!;
            var temporary = path + ".tmp";
            EvidenceManifest manifest;
            try
            {
                using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
                {
                    manifest = EvidenceBundleWriter.Write(stream, parse.GetValue(region)!, DateTimeOffset.UtcNow, key, artefacts);
                    stream.Flush(flushToDisk: true);
                }

                File.Move(temporary, path, overwrite: true);
            }
            catch (EvidenceBundleInputException e)
            {
                throw new UsageException(e.Message);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"--out {path}: cannot write it ({e.Message.TrimEnd('.')}).");
            }
            finally
            {
                File.Delete(temporary);
            }

            console.Out.WriteLine($"wrote {path}: {manifest.Files.Count} files for region {manifest.Region}, signed by key {manifest.SignerPublicKeySha256}");
            console.Out.WriteLine("publish that fingerprint out of band; reviewers pin the key with 'whisper audit-bundle verify --public-key <signing.spki>'.");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Option<string[]> Many(string name, string description) => new(name)
    {
        Description = description + " Repeatable.",
        Arity = ArgumentArity.ZeroOrMore,
    };

    private static void Add(List<EvidenceArtefact> artefacts, string[]? paths, string option, string kind, string folder)
    {
        foreach (var path in paths ?? [])
        {
            artefacts.Add(new EvidenceArtefact(BundlePath(folder, path), kind, AuditBundleCommand.ReadInput(path, option)));
        }
    }

    /// <summary>Each certificate with its signature, stored side by side as <c>x.json</c> and <c>x.sig</c>, as <c>whisper fork purge</c> writes them.</summary>
    private static void AddCertificates(List<EvidenceArtefact> artefacts, string[] certificates, string[] signatures)
    {
        if (signatures.Length != 0 && signatures.Length != certificates.Length)
        {
            throw new UsageException($"{certificates.Length} --certificate but {signatures.Length} --certificate-signature; give one signature per certificate, or none to use the .sig beside each.");
        }

        for (var i = 0; i < certificates.Length; i++)
        {
            // Numbered: 'whisper fork purge' names every certificate deletion-certificate.json.
            var stored = $"{EvidenceBundleFormat.ArtefactFolder}deletion-certificates/{i + 1}-{Path.GetFileName(certificates[i])}";
            var signature = signatures.Length == 0 ? Path.ChangeExtension(certificates[i], ".sig") : signatures[i];
            artefacts.Add(new EvidenceArtefact(stored, EvidenceKinds.DeletionCertificate, AuditBundleCommand.ReadInput(certificates[i], "--certificate")));
            artefacts.Add(new EvidenceArtefact(Path.ChangeExtension(stored, ".sig"), EvidenceKinds.DeletionCertificateSignature,
                AuditBundleCommand.ReadInput(signature, "--certificate-signature")));
        }
    }

    private static string BundlePath(string folder, string path) => $"{EvidenceBundleFormat.ArtefactFolder}{folder}/{Path.GetFileName(path)}";

    private static ECDsa LoadSigningKey(string path)
    {
        var pkcs8 = AuditBundleCommand.ReadInput(path, "--signing-key");
        var key = ECDsa.Create();
        try
        {
            key.ImportPkcs8PrivateKey(pkcs8, out var read);
            if (read == pkcs8.Length && key.KeySize == 256)
            {
                return key;
            }
        }
        catch (CryptographicException)
        {
            // Reported below without the library's message, which can quote the bytes it failed on.
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }

        key.Dispose();
        throw new UsageException($"--signing-key {path} is not a DER PKCS#8 ECDSA P-256 private key; use the region key directory's signing.pkcs8.");
    }
}
