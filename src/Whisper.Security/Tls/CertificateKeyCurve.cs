namespace Whisper.Security.Tls;

/// <summary>The ECDSA curve of a CA; the certificates it issues use the same curve and its matching hash.</summary>
public enum CertificateKeyCurve
{
    /// <summary>NIST P-256 with SHA-256: the default, fast and accepted everywhere TLS 1.2+ is.</summary>
    P256,

    /// <summary>NIST P-384 with SHA-384: for deployments whose policy asks for 192-bit security (CNSA).</summary>
    P384,
}
