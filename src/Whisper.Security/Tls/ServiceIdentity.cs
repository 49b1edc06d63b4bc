using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Whisper.Security.Tls;

/// <summary>
/// A service's TLS credentials as loaded from the CA tool's files: its own certificate with the private key (what it
/// presents) and the CA certificate (what it checks peers against). Used by the server and by clients alike.
/// </summary>
public sealed class ServiceIdentity : IDisposable
{
    private ServiceIdentity(X509Certificate2 certificate, X509Certificate2 authority)
    {
        Certificate = certificate;
        Authority = authority;
    }

    /// <summary>The service's certificate, with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The CA certificate (public only).</summary>
    public X509Certificate2 Authority { get; }

    /// <summary>Loads <c>&lt;name&gt;.crt</c> + <c>&lt;name&gt;.key</c> and <c>ca.crt</c>; unreadable or mismatched files throw <see cref="CertificateAuthorityException"/>.</summary>
    public static ServiceIdentity Load(string certificatePath, string keyPath, string authorityPath)
    {
        X509Certificate2? certificate = null;
        try
        {
            certificate = X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
            if (OperatingSystem.IsWindows())
            {
                // SChannel cannot use the ephemeral key CreateFromPemFile gives on Windows; a PKCS#12 round trip persists it.
                using var ephemeral = certificate;
                certificate = X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), null);
            }
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException or IOException or UnauthorizedAccessException)
        {
            // ArgumentException is how CreateFromPemFile says the key belongs to another certificate.
            certificate?.Dispose();
            throw new CertificateAuthorityException($"{certificatePath} with key {keyPath} is not a readable PEM certificate and matching PKCS#8 key: {e.Message}", e);
        }

        try
        {
            return new ServiceIdentity(certificate, X509CertificateLoader.LoadCertificateFromFile(authorityPath));
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            certificate.Dispose();
            throw new CertificateAuthorityException($"{authorityPath} is not a readable CA certificate (PEM or DER): {e.Message}", e);
        }
    }

    /// <summary>A policy that checks peers against this identity's CA.</summary>
    public MutualTlsPolicy Policy(IEnumerable<string>? allowedNames = null, TimeProvider? time = null) => new(Authority, allowedNames, time);

    public void Dispose()
    {
        Certificate.Dispose();
        Authority.Dispose();
    }
}
