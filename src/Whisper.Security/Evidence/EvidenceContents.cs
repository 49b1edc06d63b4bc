namespace Whisper.Security.Evidence;

/// <summary>A read bundle as the per-kind checks see it: the manifest, each artefact's bytes, and the signer's key.</summary>
public sealed class EvidenceContents
{
    private readonly IReadOnlyDictionary<string, byte[]> _artefacts;

    internal EvidenceContents(EvidenceManifest manifest, byte[] signerPublicKey, IReadOnlyDictionary<string, byte[]> artefacts)
    {
        Manifest = manifest;
        SignerPublicKey = signerPublicKey;
        _artefacts = artefacts;
    }

    public EvidenceManifest Manifest { get; }

    /// <summary>The DER SPKI the manifest was signed with: the region's signing key.</summary>
    public byte[] SignerPublicKey { get; }

    /// <summary>The bytes of the artefact at <paramref name="path"/>, or null when the archive has none.</summary>
    public byte[]? Read(string path) => _artefacts.TryGetValue(path, out var bytes) ? bytes : null;

    /// <summary>The first listed artefact of <paramref name="kind"/>, or null.</summary>
    public EvidenceFile? FirstOfKind(string kind) => Manifest.Files.FirstOrDefault(f => f.Kind == kind);
}
