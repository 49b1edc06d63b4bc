using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

using Whisper.Security.Tls;

namespace Whisper.Server.Tls;

/// <summary>
/// The calling side of mutual TLS: HTTP handlers that present a service's certificate and accept a server only when
/// <see cref="MutualTlsPolicy"/> does (chains to the service's CA, serverAuth, in validity) and the host name or IP
/// the call goes to is in the server's SANs. The machine's root store is never trusted. For
/// <see cref="Client.WhisperClient"/>: <c>new WhisperClient(MutualTlsHttpClient.Create(identity, uri), apiKey)</c>.
/// </summary>
public static class MutualTlsHttpClient
{
    /// <summary>A handler for <paramref name="identity"/>; the caller keeps the identity alive while the handler is used.</summary>
    /// <param name="identity">The calling service's certificate and the CA servers must chain to.</param>
    /// <param name="allowedServers">Server service names (CNs) to accept; null accepts any server certificate of the CA.</param>
    public static SocketsHttpHandler CreateHandler(ServiceIdentity identity, IEnumerable<string>? allowedServers = null)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var policy = identity.Policy(allowedServers);
        return new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificateContext = SslStreamCertificateContext.Create(identity.Certificate, additionalCertificates: null, offline: true),
                EnabledSslProtocols = MutualTlsKestrelExtensions.Protocols,
                CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
                // Chain errors from the machine's root store are expected (it does not know the local CA) and replaced
                // by the policy's own chain; a name mismatch or a missing certificate still refuses.
                RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                    (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) == SslPolicyErrors.None
                    && policy.Validate(certificate as X509Certificate2, TlsPeerRole.Server).Accepted,
            },
        };
    }

    /// <summary>An <see cref="HttpClient"/> over <see cref="CreateHandler"/> with <paramref name="baseAddress"/> set (an https URL).</summary>
    public static HttpClient Create(ServiceIdentity identity, Uri baseAddress, IEnumerable<string>? allowedServers = null)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        return new HttpClient(CreateHandler(identity, allowedServers), disposeHandler: true) { BaseAddress = baseAddress };
    }
}
