using System.Security.Cryptography;
using System.Text.Json;

using Whisper.Fork.Keys;

namespace Whisper.Fork.Manifest;

/// <summary>
/// Contents of <c>manifest.sig</c> (and of the deletion certificate's <c>.sig</c>): an ECDSA P-256 / SHA-256 signature
/// (IEEE P1363, base64) over the signed file's exact bytes, with the SHA-256 of the signer's public key.
/// </summary>
public sealed record ManifestSignature(string Algorithm, string PublicKeySha256, string Signature)
{
    public const string EcdsaP256Sha256 = "ECDSA-P256-SHA256";

    /// <summary>Signs <paramref name="data"/> with the region's signing key; returns the <c>.sig</c> file's bytes.</summary>
    public static byte[] Sign(ReadOnlySpan<byte> data, IKeyProvider keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        using var signing = keys.OpenSigningKey();
        using var verification = keys.OpenVerificationKey();
        var signature = new ManifestSignature(EcdsaP256Sha256, KeyIdOf(verification.ExportSubjectPublicKeyInfo()), Convert.ToBase64String(signing.SignData(data, HashAlgorithmName.SHA256)));
        return JsonSerializer.SerializeToUtf8Bytes(signature, ManifestJson.Default.ManifestSignature);
    }

    /// <summary>The key id a signature names: lower-case hex SHA-256 of the DER SubjectPublicKeyInfo.</summary>
    public static string KeyIdOf(ReadOnlySpan<byte> publicKeySpki) => Convert.ToHexStringLower(SHA256.HashData(publicKeySpki));

    /// <summary>
    /// Checks the <c>.sig</c> bytes over <paramref name="data"/> under <paramref name="publicKeySpki"/>: null when it
    /// verifies, else what is wrong (for the caller's own exception, which names the file).
    /// </summary>
    public static string? Check(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signatureFile, ReadOnlySpan<byte> publicKeySpki)
    {
        ManifestSignature? signature;
        try
        {
            signature = JsonSerializer.Deserialize(signatureFile, ManifestJson.Default.ManifestSignature);
        }
        catch (JsonException e)
        {
            return $"the signature file is not readable ({e.Message})";
        }

        if (signature is null || signature.Algorithm != EcdsaP256Sha256)
        {
            return $"the signature file does not hold an {EcdsaP256Sha256} signature";
        }

        var keyId = KeyIdOf(publicKeySpki);
        if (!string.Equals(signature.PublicKeySha256, keyId, StringComparison.Ordinal))
        {
            return $"it was signed by key {Short(signature.PublicKeySha256)}…, not by this region's signing key {Short(keyId)}…";
        }

        byte[] raw;
        try
        {
            raw = Convert.FromBase64String(signature.Signature);
        }
        catch (FormatException)
        {
            return "the signature file holds a malformed (not base64) signature";
        }

        using var key = ECDsa.Create();
        key.ImportSubjectPublicKeyInfo(publicKeySpki, out _);
        return key.VerifyData(data, raw, HashAlgorithmName.SHA256) ? null : "it does not match its signature: it was altered, truncated or swapped";
    }

    private static string Short(string hex) => hex[..Math.Min(16, hex.Length)];
}
