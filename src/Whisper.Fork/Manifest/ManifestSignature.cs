namespace Whisper.Fork.Manifest;

/// <summary>Contents of <c>manifest.sig</c>: an ECDSA P-256 / SHA-256 signature (IEEE P1363, base64) over manifest.json's exact bytes.</summary>
public sealed record ManifestSignature(string Algorithm, string PublicKeySha256, string Signature)
{
    public const string EcdsaP256Sha256 = "ECDSA-P256-SHA256";
}
