using System.Security.Cryptography;
using System.Text.Json;

using Whisper.Core.Integrity;
using Whisper.Fork.Keys;
using Whisper.Fork.Records;

namespace Whisper.Fork.Manifest;

/// <summary>
/// Writes and reads <c>manifest.json</c> + <c>manifest.sig</c> in a repository directory. Reading refuses anything
/// it cannot prove: a signature that does not verify under the region's key, JSON that does not parse (a
/// truncated file), chunk indices out of order, or a Merkle root that does not match the chunks listed.
/// </summary>
public static class ManifestFile
{
    public const string ManifestName = "manifest.json";
    public const string SignatureName = "manifest.sig";

    public static bool Exists(string repository) => File.Exists(Path.Combine(repository, ManifestName));

    public static string MerkleRootOf(IReadOnlyList<ManifestChunk> chunks)
    {
        var leaves = new byte[chunks.Count][];
        for (var i = 0; i < leaves.Length; i++)
        {
            leaves[i] = MerkleTree.LeafHash(chunks[i].LeafData());
        }

        return Convert.ToHexStringLower(MerkleTree.RootFromLeafHashes(leaves));
    }

    public static void Write(string repository, ForkManifest manifest, IKeyProvider keys)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(manifest, ManifestJson.Default.ForkManifest);

        // The signature goes first: a crash between the two writes leaves no manifest, so the export is simply re-run.
        AtomicFile.Write(Path.Combine(repository, SignatureName), ManifestSignature.Sign(bytes, keys));
        AtomicFile.Write(Path.Combine(repository, ManifestName), bytes);
    }

    public static ForkManifest Read(string repository, IKeyProvider keys)
    {
        var manifestPath = Path.Combine(repository, ManifestName);
        var signaturePath = Path.Combine(repository, SignatureName);
        if (!File.Exists(manifestPath))
        {
            throw new ForkManifestException($"no {ManifestName} in {repository}; run 'whisper fork export' first (or point --repo at an export)");
        }

        if (!File.Exists(signaturePath))
        {
            throw new ForkManifestException($"{manifestPath} has no {SignatureName} beside it; an unsigned manifest is never trusted");
        }

        var bytes = File.ReadAllBytes(manifestPath);
        VerifySignature(bytes, File.ReadAllBytes(signaturePath), keys, manifestPath);
        ForkManifest manifest;
        try
        {
            manifest = JsonSerializer.Deserialize(bytes, ManifestJson.Default.ForkManifest)
                ?? throw new ForkManifestException($"{manifestPath} is empty");
        }
        catch (JsonException e)
        {
            throw new ForkManifestException($"{manifestPath} is not a readable manifest ({e.Message})", e);
        }

        Validate(manifest, manifestPath);
        return manifest;
    }

    private static void VerifySignature(byte[] manifestBytes, byte[] signatureBytes, IKeyProvider keys, string manifestPath)
    {
        using var verification = keys.OpenVerificationKey();
        if (ManifestSignature.Check(manifestBytes, signatureBytes, verification.ExportSubjectPublicKeyInfo()) is { } problem)
        {
            throw new ForkManifestException($"{manifestPath} ({SignatureName} beside it): {problem}");
        }
    }

    private static void Validate(ForkManifest manifest, string path)
    {
        if (manifest.Format != ForkManifest.CurrentFormat)
        {
            throw new ForkManifestException($"{path} has format '{manifest.Format}'; this build reads {ForkManifest.CurrentFormat}");
        }

        for (var i = 0; i < manifest.Chunks.Count; i++)
        {
            if (manifest.Chunks[i].Index != i)
            {
                throw new ForkManifestException($"{path}: chunk at position {i} says index {manifest.Chunks[i].Index}");
            }
        }

        if (!string.Equals(MerkleRootOf(manifest.Chunks), manifest.MerkleRoot, StringComparison.Ordinal))
        {
            throw new ForkManifestException($"{path}: the Merkle root does not match the chunks listed");
        }

        foreach (var table in manifest.Tables)
        {
            var inChunks = manifest.Chunks.Where(c => c.Table == table.Table).Sum(c => (long)c.Records);
            if (inChunks != table.Records)
            {
                throw new ForkManifestException($"{path}: table {ForkTables.NameOf(table.Table)} claims {table.Records} records but its chunks hold {inChunks}");
            }
        }
    }
}
