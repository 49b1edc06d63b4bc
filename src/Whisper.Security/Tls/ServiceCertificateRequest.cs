using System.Net;

namespace Whisper.Security.Tls;

/// <summary>What <see cref="CertificateAuthority.Issue"/> puts in one service's certificate.</summary>
public sealed record ServiceCertificateRequest
{
    /// <summary>90 days: short-lived certificates are what make going without revocation lists acceptable (docs/security/mtls.md).</summary>
    public const int DefaultDays = 90;

    /// <summary>The service name: the certificate's CN and first DNS SAN, and the file names <c>&lt;name&gt;.crt</c> / <c>&lt;name&gt;.key</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Days from now until the certificate expires; must end before the CA does.</summary>
    public int Days { get; init; } = DefaultDays;

    /// <summary>More DNS SANs besides <see cref="Name"/> (e.g. <c>localhost</c>, the Kubernetes service name).</summary>
    public IReadOnlyList<string> DnsNames { get; init; } = [];

    /// <summary>IP SANs, for clients that connect by address (e.g. 127.0.0.1 and ::1).</summary>
    public IReadOnlyList<IPAddress> IpAddresses { get; init; } = [];

    public ServiceCertificateUsage Usage { get; init; } = ServiceCertificateUsage.Both;

    /// <summary>Replace existing <c>&lt;name&gt;.crt</c>/<c>.key</c> (rotation); otherwise existing files are a refusal.</summary>
    public bool Replace { get; init; }
}
