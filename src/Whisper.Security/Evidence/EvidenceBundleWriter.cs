using System.IO.Compression;
using System.Security.Cryptography;

namespace Whisper.Security.Evidence;

/// <summary>
/// Makes a bundle: hashes every artefact into the manifest, signs the manifest's bytes, and writes the archive in the
/// order manifest, signature, public key, artefacts (docs/evidence-bundle.md, "Write order").
/// </summary>
public static class EvidenceBundleWriter
{
    /// <exception cref="EvidenceBundleInputException">A path that is not safe, used twice, an unknown kind, or a key not on P-256.</exception>
    public static EvidenceManifest Write(Stream output, string region, DateTimeOffset created, ECDsa signingKey, IReadOnlyList<EvidenceArtefact> artefacts)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(signingKey);
        ArgumentNullException.ThrowIfNull(artefacts);
        if (string.IsNullOrWhiteSpace(region))
        {
            throw new EvidenceBundleInputException("give the region whose evidence this is (--region).");
        }

        if (signingKey.KeySize != 256)
        {
            throw new EvidenceBundleInputException("the signing key is not an ECDSA P-256 key; use the region's signing.pkcs8.");
        }

        var spki = signingKey.ExportSubjectPublicKeyInfo();
        var manifest = new EvidenceManifest(EvidenceBundleFormat.CurrentVersion, created, region, Fingerprint(spki), Describe(artefacts));
        var manifestBytes = manifest.Encode();
        var signature = signingKey.SignData(manifestBytes, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        Add(zip, EvidenceBundleFormat.ManifestEntry, manifestBytes, created);
        Add(zip, EvidenceBundleFormat.SignatureEntry, signature, created);
        Add(zip, EvidenceBundleFormat.PublicKeyEntry, spki, created);
        foreach (var artefact in artefacts)
        {
            Add(zip, artefact.Path, artefact.Content.Span, created);
        }

        return manifest;
    }

    /// <summary>The fingerprint a reviewer pins: SHA-256 of the DER SPKI, lowercase hex.</summary>
    public static string Fingerprint(ReadOnlySpan<byte> spki) => Convert.ToHexStringLower(SHA256.HashData(spki));

    private static List<EvidenceFile> Describe(IReadOnlyList<EvidenceArtefact> artefacts)
    {
        var files = new List<EvidenceFile>(artefacts.Count);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var artefact in artefacts)
        {
            if (!EvidencePaths.IsSafe(artefact.Path))
            {
                throw new EvidenceBundleInputException($"'{artefact.Path}' is not a bundle path; file names may use only A-Z a-z 0-9 . _ - (rename the file).");
            }

            if (!seen.Add(artefact.Path))
            {
                throw new EvidenceBundleInputException($"two artefacts would both be stored as '{artefact.Path}'; rename one of the files.");
            }

            if (!EvidenceKinds.All.Contains(artefact.Kind))
            {
                throw new EvidenceBundleInputException($"'{artefact.Kind}' is not an evidence kind.");
            }

            files.Add(new EvidenceFile(artefact.Path, artefact.Kind, artefact.Content.Length, Convert.ToHexStringLower(SHA256.HashData(artefact.Content.Span))));
        }

        return files;
    }

    private static void Add(ZipArchive zip, string name, ReadOnlySpan<byte> content, DateTimeOffset created)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        // The archive's clock is the manifest's, so bundling the same evidence twice at the same time gives the same entries.
        entry.LastWriteTime = created;
        using var stream = entry.Open();
        stream.Write(content);
    }
}
