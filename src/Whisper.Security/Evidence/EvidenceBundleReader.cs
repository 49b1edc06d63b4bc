using System.IO.Compression;
using System.Security.Cryptography;

namespace Whisper.Security.Evidence;

/// <summary>
/// Verifies a bundle offline (docs/evidence-bundle.md, "Verifying"): no entry that could escape an extraction folder,
/// the public key matches the pinned one (when given) and the manifest's fingerprint, the signature covers the
/// manifest's exact bytes, every listed file is present with its size and hash, nothing unlisted is present, and each
/// artefact passes its kind's check. Reads into memory, never extracts; reports every problem, not only the first.
/// </summary>
public static class EvidenceBundleReader
{
    /// <exception cref="EvidenceBundleInputException">The stream is not a ZIP archive at all.</exception>
    public static EvidenceVerification Verify(Stream bundle, ReadOnlySpan<byte> pinnedPublicKey, IReadOnlyList<IEvidenceKindCheck> checks)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        ArgumentNullException.ThrowIfNull(checks);
        var problems = new List<string>();
        var entries = ReadEntries(bundle, problems);

        var manifestBytes = Take(entries, EvidenceBundleFormat.ManifestEntry, problems);
        var signature = Take(entries, EvidenceBundleFormat.SignatureEntry, problems);
        var spki = Take(entries, EvidenceBundleFormat.PublicKeyEntry, problems);
        if (manifestBytes is null || signature is null || spki is null)
        {
            return new EvidenceVerification(null, spki is null ? "" : EvidenceBundleWriter.Fingerprint(spki), false, problems);
        }

        var fingerprint = EvidenceBundleWriter.Fingerprint(spki);
        var pinned = !pinnedPublicKey.IsEmpty;
        if (pinned && !pinnedPublicKey.SequenceEqual(spki))
        {
            problems.Add($"the bundle is signed by key {fingerprint}, not by the pinned key {EvidenceBundleWriter.Fingerprint(pinnedPublicKey)}.");
            return new EvidenceVerification(null, fingerprint, false, problems);
        }

        if (SignatureProblem(manifestBytes, signature, spki) is { } signatureProblem)
        {
            // Nothing the manifest says can be trusted, so nothing else is checked against it.
            problems.Add(signatureProblem);
            return new EvidenceVerification(null, fingerprint, false, problems);
        }

        var manifest = EvidenceManifest.TryDecode(manifestBytes, out var manifestProblem);
        if (manifest is null)
        {
            problems.Add($"{EvidenceBundleFormat.ManifestEntry}: {manifestProblem}.");
            return new EvidenceVerification(null, fingerprint, pinned, problems);
        }

        if (manifest.SignerPublicKeySha256 != fingerprint)
        {
            problems.Add($"{EvidenceBundleFormat.PublicKeyEntry}: its fingerprint {fingerprint} is not the manifest's {manifest.SignerPublicKeySha256}.");
        }

        var intact = CheckFiles(manifest, entries, problems);
        var contents = new EvidenceContents(manifest, spki, intact);
        foreach (var file in manifest.Files)
        {
            if (!intact.ContainsKey(file.Path))
            {
                continue;
            }

            foreach (var check in checks)
            {
                if (check.Kind == file.Kind)
                {
                    problems.AddRange(check.Check(file, contents));
                }
            }
        }

        return new EvidenceVerification(manifest, fingerprint, pinned, problems);
    }

    /// <summary>Every entry's bytes by name; traversal names, duplicates and oversized entries become problems.</summary>
    private static Dictionary<string, byte[]> ReadEntries(Stream bundle, List<string> problems)
    {
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(bundle, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException e)
        {
            throw new EvidenceBundleInputException($"not an evidence bundle: the file is not a ZIP archive ({e.Message.TrimEnd('.')}).", e);
        }

        using (zip)
        {
            if (zip.Entries.Count > EvidenceBundleFormat.MaxEntries)
            {
                problems.Add($"the archive has {zip.Entries.Count} entries; a bundle has at most {EvidenceBundleFormat.MaxEntries}.");
                return [];
            }

            var entries = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (var entry in zip.Entries)
            {
                if (EvidencePaths.IsTraversal(entry.FullName))
                {
                    problems.Add($"entry '{entry.FullName}' points outside the bundle (path traversal).");
                    continue;
                }

                var limit = entry.FullName.StartsWith(EvidenceBundleFormat.ArtefactFolder, StringComparison.Ordinal)
                    ? EvidenceBundleFormat.MaxArtefactBytes
                    : EvidenceBundleFormat.MaxManifestBytes;
                if (ReadBounded(entry, limit, problems) is not { } bytes)
                {
                    continue;
                }

                if (!entries.TryAdd(entry.FullName, bytes))
                {
                    problems.Add($"entry '{entry.FullName}' appears twice.");
                }
            }

            return entries;
        }
    }

    private static byte[]? ReadBounded(ZipArchiveEntry entry, long limit, List<string> problems)
    {
        try
        {
            using var stream = entry.Open();
            using var copy = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = stream.Read(buffer)) > 0)
            {
                if (copy.Length + read > limit)
                {
                    problems.Add($"entry '{entry.FullName}' is larger than {limit} bytes.");
                    return null;
                }

                copy.Write(buffer, 0, read);
            }

            return copy.ToArray();
        }
        catch (InvalidDataException e)
        {
            problems.Add($"entry '{entry.FullName}' is damaged ({e.Message.TrimEnd('.')}).");
            return null;
        }
    }

    private static byte[]? Take(Dictionary<string, byte[]> entries, string name, List<string> problems)
    {
        if (entries.Remove(name, out var bytes))
        {
            return bytes;
        }

        problems.Add($"{name} is missing.");
        return null;
    }

    private static string? SignatureProblem(byte[] manifest, byte[] signature, byte[] spki)
    {
        using var key = ECDsa.Create();
        try
        {
            key.ImportSubjectPublicKeyInfo(spki, out var read);
            if (read != spki.Length || key.KeySize != 256)
            {
                return $"{EvidenceBundleFormat.PublicKeyEntry} is not a P-256 public key.";
            }
        }
        catch (CryptographicException)
        {
            return $"{EvidenceBundleFormat.PublicKeyEntry} is not a DER SubjectPublicKeyInfo.";
        }

        return key.VerifyData(manifest, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation)
            ? null
            : $"{EvidenceBundleFormat.SignatureEntry} does not verify over {EvidenceBundleFormat.ManifestEntry}: the manifest or the signature was altered.";
    }

    /// <summary>Size and hash of each listed file, then anything unlisted; returns the artefacts that match.</summary>
    private static Dictionary<string, byte[]> CheckFiles(EvidenceManifest manifest, Dictionary<string, byte[]> entries, List<string> problems)
    {
        var intact = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var file in manifest.Files)
        {
            if (!EvidencePaths.IsSafe(file.Path) || !EvidenceKinds.All.Contains(file.Kind))
            {
                problems.Add($"the manifest lists '{file.Path}' ({file.Kind}), which is not an allowed path and kind.");
            }
            else if (!entries.Remove(file.Path, out var bytes))
            {
                problems.Add($"{file.Path} is listed in the manifest but missing from the archive.");
            }
            else if (bytes.LongLength != file.Size)
            {
                problems.Add($"{file.Path} is {bytes.LongLength} bytes; the manifest says {file.Size}.");
            }
            else if (!string.Equals(Convert.ToHexStringLower(SHA256.HashData(bytes)), file.Sha256, StringComparison.Ordinal))
            {
                problems.Add($"{file.Path}: its SHA-256 is not the manifest's; the file was altered.");
            }
            else
            {
                intact[file.Path] = bytes;
            }
        }

        foreach (var extra in entries.Keys.Order(StringComparer.Ordinal))
        {
            problems.Add($"{extra} is in the archive but not in the manifest (an added file).");
        }

        return intact;
    }
}
