using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Whisper.Security.Tls;

/// <summary>
/// A local certificate authority for service-to-service mutual TLS (docs/security/mtls.md), built on the platform's
/// own <see cref="CertificateRequest"/>: an ECDSA root (CA=true, path length 0, keyCertSign|cRLSign) kept as
/// <c>ca.crt</c> / <c>ca.key</c> (PEM; the key PKCS#8, 0600) in one folder, which signs one certificate per service.
/// Path length 0 means there are no intermediates: every valid chain is exactly service → this CA.
/// </summary>
public sealed partial class CertificateAuthority : IDisposable
{
    public const string CertificateFileName = "ca.crt";
    public const string KeyFileName = "ca.key";

    /// <summary>
    /// notBefore is set this far in the past so that a peer whose clock runs a little behind the CA's machine does not
    /// reject a certificate issued a moment ago.
    /// </summary>
    internal static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private const int SerialBytes = 16;

    private readonly TimeProvider _time;

    private CertificateAuthority(string directory, X509Certificate2 certificate, TimeProvider time)
    {
        Directory = directory;
        Certificate = certificate;
        _time = time;
        Curve = certificate.GetECDsaPublicKey() is { KeySize: 384 } ? CertificateKeyCurve.P384 : CertificateKeyCurve.P256;
    }

    /// <summary>The folder holding <c>ca.crt</c>, <c>ca.key</c> and the issued <c>&lt;name&gt;.crt</c>/<c>.key</c> pairs.</summary>
    public string Directory { get; }

    /// <summary>The CA certificate, with its private key: never hand this instance to anything that serializes it.</summary>
    public X509Certificate2 Certificate { get; }

    public CertificateKeyCurve Curve { get; }

    public string CertificatePath => Path.Combine(Directory, CertificateFileName);

    public string KeyPath => Path.Combine(Directory, KeyFileName);

    /// <summary>
    /// Creates a new CA in <paramref name="directory"/> (made 0700 when it does not exist). Refuses when the folder
    /// already holds <c>ca.crt</c> or <c>ca.key</c>: replacing a CA silently would strand every certificate it issued.
    /// </summary>
    public static CertificateAuthority Init(string directory, CertificateAuthorityOptions? options = null, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        options ??= new CertificateAuthorityOptions();
        time ??= TimeProvider.System;
        if (options.Days is < 1 or > CertificateAuthorityOptions.MaxDays)
        {
            throw new CertificateAuthorityException($"CA validity of {options.Days} days is outside 1..{CertificateAuthorityOptions.MaxDays}; the default is {CertificateAuthorityOptions.DefaultDays} (5 years).");
        }

        if (string.IsNullOrWhiteSpace(options.CommonName))
        {
            throw new CertificateAuthorityException("The CA common name is empty; give one such as 'Whisper eu-west CA'.");
        }

        var certificatePath = Path.Combine(directory, CertificateFileName);
        var keyPath = Path.Combine(directory, KeyFileName);
        if (File.Exists(certificatePath) || File.Exists(keyPath))
        {
            throw new CertificateAuthorityException(
                $"{directory} already holds a CA ({CertificateFileName}/{KeyFileName}); refusing to overwrite it. Pick another folder, or delete both files first (every certificate it issued then stops validating).");
        }

        using var key = ECDsa.Create(NamedCurve(options.Curve));
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCommonName(options.CommonName);
        var request = new CertificateRequest(subject.Build(), key, HashFor(options.Curve));
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));

        var now = time.GetUtcNow();
        using var unkeyed = request.Create(request.SubjectName, X509SignatureGenerator.CreateForECDsa(key), now - ClockSkew, now.AddDays(options.Days), NewSerial());
        var certificate = unkeyed.CopyWithPrivateKey(key);
        try
        {
            PemFiles.EnsureDirectory(directory);
            PemFiles.Write(keyPath, key.ExportPkcs8PrivateKeyPem(), secret: true, replace: false);
            try
            {
                PemFiles.Write(certificatePath, certificate.ExportCertificatePem(), secret: false, replace: false);
            }
            catch
            {
                // A key without its certificate would block the next init and serve nobody.
                File.Delete(keyPath);
                throw;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            certificate.Dispose();
            throw new CertificateAuthorityException($"cannot write the CA into {directory}: {e.Message}", e);
        }

        return new CertificateAuthority(directory, certificate, time);
    }

    /// <summary>Opens the CA in <paramref name="directory"/> to issue certificates; its key must match its certificate.</summary>
    public static CertificateAuthority Open(string directory, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var certificatePath = Path.Combine(directory, CertificateFileName);
        var keyPath = Path.Combine(directory, KeyFileName);
        if (!File.Exists(certificatePath) || !File.Exists(keyPath))
        {
            throw new CertificateAuthorityException($"no CA in {directory} ({CertificateFileName} and {KeyFileName} are needed); create one with 'whisper ca init --dir {directory}'.");
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException or IOException or UnauthorizedAccessException)
        {
            // ArgumentException is how CreateFromPemFile says the key belongs to another certificate.
            throw new CertificateAuthorityException($"{certificatePath} and {keyPath} are not a readable PEM certificate and its matching PKCS#8 key: {e.Message}", e);
        }

        if (certificate.Extensions[Oids.BasicConstraints] is not X509BasicConstraintsExtension { CertificateAuthority: true })
        {
            certificate.Dispose();
            throw new CertificateAuthorityException($"{certificatePath} is not a CA certificate (no basicConstraints CA=true); point at a folder made by 'whisper ca init'.");
        }

        return new CertificateAuthority(directory, certificate, time ?? TimeProvider.System);
    }

    public void Dispose() => Certificate.Dispose();

    /// <summary>
    /// 16 random bytes, positive and of fixed length: the top bit is cleared (a DER INTEGER with it set would be
    /// negative) and the next one set (so no leading zero byte is dropped). 126 random bits make a collision, and a
    /// chosen-prefix attack on the signature, out of reach, as RFC 5280 and the CA/Browser Forum ask.
    /// </summary>
    internal static byte[] NewSerial()
    {
        var serial = RandomNumberGenerator.GetBytes(SerialBytes);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x40);
        return serial;
    }

    private static ECCurve NamedCurve(CertificateKeyCurve curve) =>
        curve == CertificateKeyCurve.P384 ? ECCurve.NamedCurves.nistP384 : ECCurve.NamedCurves.nistP256;

    private static HashAlgorithmName HashFor(CertificateKeyCurve curve) =>
        curve == CertificateKeyCurve.P384 ? HashAlgorithmName.SHA384 : HashAlgorithmName.SHA256;
}
