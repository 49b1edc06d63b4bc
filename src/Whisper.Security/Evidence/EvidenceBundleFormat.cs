namespace Whisper.Security.Evidence;

/// <summary>
/// The evidence bundle's fixed names and limits (docs/evidence-bundle.md): a ZIP archive holding
/// <see cref="ManifestEntry"/>, its signature, the signer's public key, and the artefacts under <see cref="ArtefactFolder"/>.
/// </summary>
public static class EvidenceBundleFormat
{
    public const string FormatName = "whisper-evidence-bundle";

    public const int CurrentVersion = 1;

    /// <summary>The manifest JSON; its exact bytes are what the signature covers.</summary>
    public const string ManifestEntry = "manifest.json";

    /// <summary>ECDSA P-256 / SHA-256 over the manifest's bytes, IEEE P1363 (r ‖ s, 64 bytes), raw.</summary>
    public const string SignatureEntry = "manifest.sig";

    /// <summary>The signer's public key, DER SubjectPublicKeyInfo.</summary>
    public const string PublicKeyEntry = "signer.spki";

    /// <summary>Every artefact lives below this folder, so it can never shadow the three entries above.</summary>
    public const string ArtefactFolder = "evidence/";

    public const string SignatureAlgorithm = "ecdsa-p256-sha256";

    /// <summary>Conventional file extension (whisper audit bundle).</summary>
    public const string Extension = ".wab";

    // Bounds for reading an untrusted archive: every entry is read into memory and never extracted to disk.
    internal const int MaxEntries = 4096;
    internal const long MaxManifestBytes = 4L << 20;
    internal const long MaxArtefactBytes = 512L << 20;
    internal const int MaxPathLength = 240;
}
