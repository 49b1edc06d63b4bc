using System.Security.Cryptography.X509Certificates;

namespace Whisper.Security.Tls;

/// <summary>What <see cref="CertificateAuthority.Issue"/> wrote; <see cref="Certificate"/> is the public certificate (its key is only in the file).</summary>
public sealed class IssuedCertificate(string certificatePath, string keyPath, X509Certificate2 certificate) : IDisposable
{
    public string CertificatePath { get; } = certificatePath;

    public string KeyPath { get; } = keyPath;

    public X509Certificate2 Certificate { get; } = certificate;

    public void Dispose() => Certificate.Dispose();
}
