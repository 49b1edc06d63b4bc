namespace Whisper.Security.Tls;

/// <summary>Which side of a TLS connection a service certificate may act on (its extended key usage).</summary>
[Flags]
public enum ServiceCertificateUsage
{
    /// <summary>serverAuth (1.3.6.1.5.5.7.3.1): the service accepts connections.</summary>
    Server = 1,

    /// <summary>clientAuth (1.3.6.1.5.5.7.3.2): the service calls other services.</summary>
    Client = 2,

    /// <summary>Both; the default, since most services both serve and call.</summary>
    Both = Server | Client,
}
