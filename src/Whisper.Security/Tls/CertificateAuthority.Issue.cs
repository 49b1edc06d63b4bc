using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Whisper.Security.Tls;

public sealed partial class CertificateAuthority
{
    /// <summary>
    /// Signs a certificate for one service and writes <c>&lt;name&gt;.crt</c> and <c>&lt;name&gt;.key</c> (0600) beside the
    /// CA: CN and first DNS SAN = the name, the extra DNS and IP SANs, the requested extended key usage, the CA's key
    /// identifier, a random 16-byte serial, valid from now for <see cref="ServiceCertificateRequest.Days"/> days and
    /// never past the CA's own expiry (a longer request is refused, not cut short, so nobody is surprised by it).
    /// </summary>
    public IssuedCertificate Issue(ServiceCertificateRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ServiceNames.Require(request.Name, "Service name");
        foreach (var dns in request.DnsNames)
        {
            ServiceNames.Require(dns, "DNS name");
        }

        if (request.Usage is not (ServiceCertificateUsage.Server or ServiceCertificateUsage.Client or ServiceCertificateUsage.Both))
        {
            throw new CertificateAuthorityException($"Usage {request.Usage} is not one of Server, Client, Both.");
        }

        var now = _time.GetUtcNow();
        var (notBefore, notAfter) = Validity(now, request.Days);
        var certificatePath = Path.Combine(Directory, request.Name + ".crt");
        var keyPath = Path.Combine(Directory, request.Name + ".key");
        if (!request.Replace && (File.Exists(certificatePath) || File.Exists(keyPath)))
        {
            throw new CertificateAuthorityException($"{certificatePath} or its key already exists; to rotate it, replace it on purpose (whisper ca issue --replace).");
        }

        using var key = ECDsa.Create(NamedCurve(Curve));
        var certificate = Sign(Request(request, key), notBefore, notAfter);
        try
        {
            PemFiles.Write(keyPath, key.ExportPkcs8PrivateKeyPem(), secret: true, request.Replace);
            PemFiles.Write(certificatePath, certificate.ExportCertificatePem(), secret: false, request.Replace);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            certificate.Dispose();
            throw new CertificateAuthorityException($"cannot write {request.Name}'s certificate into {Directory}: {e.Message}", e);
        }

        return new IssuedCertificate(certificatePath, keyPath, certificate);
    }

    private (DateTimeOffset NotBefore, DateTimeOffset NotAfter) Validity(DateTimeOffset now, int days)
    {
        var caNotBefore = new DateTimeOffset(Certificate.NotBefore.ToUniversalTime());
        var caNotAfter = new DateTimeOffset(Certificate.NotAfter.ToUniversalTime());
        if (now >= caNotAfter)
        {
            throw new CertificateAuthorityException($"the CA in {Directory} expired on {Day(caNotAfter)}; create a new CA (docs/security/mtls.md, rotation).");
        }

        if (days < 1)
        {
            throw new CertificateAuthorityException($"Certificate validity of {days} days must be at least 1; the default is {ServiceCertificateRequest.DefaultDays}.");
        }

        var notAfter = now.AddDays(days);
        if (notAfter > caNotAfter)
        {
            var most = (int)Math.Floor((caNotAfter - now).TotalDays);
            throw new CertificateAuthorityException(
                $"Certificate validity of {days} days would end on {Day(notAfter)}, after the CA expires on {Day(caNotAfter)}; use at most {most} days, or rotate the CA first.");
        }

        var notBefore = now - ClockSkew;
        return (notBefore < caNotBefore ? caNotBefore : notBefore, notAfter);
    }

    private CertificateRequest Request(ServiceCertificateRequest request, ECDsa key)
    {
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCommonName(request.Name);
        var csr = new CertificateRequest(subject.Build(), key, HashFor(Curve));
        csr.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        csr.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        var usages = new OidCollection();
        if (request.Usage.HasFlag(ServiceCertificateUsage.Server))
        {
            usages.Add(new Oid(Oids.ServerAuth));
        }

        if (request.Usage.HasFlag(ServiceCertificateUsage.Client))
        {
            usages.Add(new Oid(Oids.ClientAuth));
        }

        csr.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(usages, critical: false));
        csr.CertificateExtensions.Add(SubjectAlternativeNames(request));
        csr.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(csr.PublicKey, critical: false));
        csr.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        return csr;
    }

    private X509Certificate2 Sign(CertificateRequest request, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        try
        {
            return request.Create(Certificate, notBefore, notAfter, NewSerial());
        }
        catch (CryptographicException e)
        {
            throw new CertificateAuthorityException($"the CA in {Directory} could not sign: {e.Message}", e);
        }
    }

    private static X509Extension SubjectAlternativeNames(ServiceCertificateRequest request)
    {
        var names = new SubjectAlternativeNameBuilder();
        var seen = new HashSet<string>(StringComparer.Ordinal) { request.Name };
        names.AddDnsName(request.Name);
        foreach (var dns in request.DnsNames)
        {
            if (seen.Add(dns))
            {
                names.AddDnsName(dns);
            }
        }

        foreach (var address in request.IpAddresses.Distinct())
        {
            names.AddIpAddress(address);
        }

        return names.Build();
    }

    private static string Day(DateTimeOffset when) => when.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
