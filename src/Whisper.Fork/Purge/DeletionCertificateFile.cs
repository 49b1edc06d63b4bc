using System.Security.Cryptography;
using System.Text.Json;

using Whisper.Fork.Keys;
using Whisper.Fork.Manifest;

namespace Whisper.Fork.Purge;

/// <summary>
/// Writes, signs, reads and checks <c>deletion-certificate.json</c> + <c>deletion-certificate.sig</c>. The signature is
/// the manifests' (<see cref="ManifestSignature"/>: ECDSA P-256 / SHA-256, IEEE P1363, base64) over the JSON's exact
/// bytes; checking needs only the region's public key (<c>signing.spki</c>), so a reviewer can verify offline.
/// </summary>
public static class DeletionCertificateFile
{
    public const string CertificateName = "deletion-certificate.json";
    public const string SignatureName = "deletion-certificate.sig";

    public static byte[] Encode(DeletionCertificate certificate) =>
        JsonSerializer.SerializeToUtf8Bytes(certificate, PurgeJson.Default.DeletionCertificate);

    /// <summary>Signs and writes both files into <paramref name="directory"/>; returns the certificate's exact bytes.</summary>
    public static byte[] Write(string directory, DeletionCertificate certificate, IKeyProvider keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var bytes = Encode(certificate);
        using var signing = keys.OpenSigningKey();
        using var verification = keys.OpenVerificationKey();
        var signature = new ManifestSignature(
            ManifestSignature.EcdsaP256Sha256,
            Convert.ToHexStringLower(SHA256.HashData(verification.ExportSubjectPublicKeyInfo())),
            Convert.ToBase64String(signing.SignData(bytes, HashAlgorithmName.SHA256)));

        // Signature first, as for manifests: a crash between the writes leaves no certificate, and the purge re-issues it.
        AtomicFile.Write(Path.Combine(directory, SignatureName), JsonSerializer.SerializeToUtf8Bytes(signature, PurgeJson.Default.ManifestSignature));
        AtomicFile.Write(Path.Combine(directory, CertificateName), bytes);
        return bytes;
    }

    /// <summary>
    /// Checks <paramref name="signatureBytes"/> over <paramref name="certificateBytes"/> under the P-256 public key
    /// <paramref name="publicKeySpki"/> and parses the certificate.
    /// </summary>
    /// <exception cref="PurgeCertificateException">Wrong key, bad signature (altered bytes), unknown format or version, unreadable JSON.</exception>
    public static DeletionCertificate Verify(ReadOnlySpan<byte> certificateBytes, ReadOnlySpan<byte> signatureBytes, ReadOnlySpan<byte> publicKeySpki)
    {
        ManifestSignature? signature;
        try
        {
            signature = JsonSerializer.Deserialize(signatureBytes, PurgeJson.Default.ManifestSignature);
        }
        catch (JsonException e)
        {
            throw new PurgeCertificateException($"the certificate's signature file is not readable ({e.Message})", e);
        }

        if (signature is null || signature.Algorithm != ManifestSignature.EcdsaP256Sha256)
        {
            throw new PurgeCertificateException($"the certificate's signature is not an {ManifestSignature.EcdsaP256Sha256} signature");
        }

        var keyId = Convert.ToHexStringLower(SHA256.HashData(publicKeySpki));
        if (!string.Equals(signature.PublicKeySha256, keyId, StringComparison.Ordinal))
        {
            throw new PurgeCertificateException($"the certificate was signed by key {Short(signature.PublicKeySha256)}…, not by this region's signing key {Short(keyId)}…");
        }

        using var key = ECDsa.Create();
        key.ImportSubjectPublicKeyInfo(publicKeySpki, out _);
        byte[] raw;
        try
        {
            raw = Convert.FromBase64String(signature.Signature);
        }
        catch (FormatException e)
        {
            throw new PurgeCertificateException("the certificate's signature is not base64", e);
        }

        if (!key.VerifyData(certificateBytes, raw, HashAlgorithmName.SHA256))
        {
            throw new PurgeCertificateException("the deletion certificate does not match its signature: it was altered, truncated or swapped");
        }

        DeletionCertificate? certificate;
        try
        {
            certificate = JsonSerializer.Deserialize(certificateBytes, PurgeJson.Default.DeletionCertificate);
        }
        catch (JsonException e)
        {
            throw new PurgeCertificateException($"the deletion certificate is not readable JSON ({e.Message})", e);
        }

        if (certificate is null || certificate.Format != DeletionCertificate.CurrentFormat || certificate.FormatVersion != DeletionCertificate.CurrentFormatVersion)
        {
            throw new PurgeCertificateException(
                $"the certificate is format '{certificate?.Format}' version {certificate?.FormatVersion}; this build reads {DeletionCertificate.CurrentFormat} version {DeletionCertificate.CurrentFormatVersion}");
        }

        return certificate;
    }

    /// <summary>Reads and checks the two files of <paramref name="certificatePath"/> (the .sig beside it) under the region's key.</summary>
    public static DeletionCertificate Verify(string certificatePath, IKeyProvider keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var signaturePath = SignaturePathFor(certificatePath);
        if (!File.Exists(certificatePath) || !File.Exists(signaturePath))
        {
            throw new PurgeCertificateException($"{certificatePath} needs {Path.GetFileName(signaturePath)} beside it; an unsigned certificate is never trusted");
        }

        using var verification = keys.OpenVerificationKey();
        return Verify(File.ReadAllBytes(certificatePath), File.ReadAllBytes(signaturePath), verification.ExportSubjectPublicKeyInfo());
    }

    /// <summary><c>x.json</c> → <c>x.sig</c>.</summary>
    public static string SignaturePathFor(string certificatePath) => Path.ChangeExtension(certificatePath, ".sig");

    /// <summary>The transparency-log digest: SHA-256 of the certificate's exact bytes.</summary>
    public static byte[] DigestOf(ReadOnlySpan<byte> certificateBytes) => SHA256.HashData(certificateBytes);

    private static string Short(string hex) => hex[..Math.Min(16, hex.Length)];
}
