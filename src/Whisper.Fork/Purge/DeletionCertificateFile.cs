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
        // Signature first, as for manifests: a crash between the writes leaves no certificate, and the purge re-issues it.
        AtomicFile.Write(Path.Combine(directory, SignatureName), ManifestSignature.Sign(bytes, keys));
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
        if (ManifestSignature.Check(certificateBytes, signatureBytes, publicKeySpki) is { } problem)
        {
            throw new PurgeCertificateException($"the deletion certificate does not verify: {problem}");
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

}
