using System.Security.Authentication;

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

using Whisper.Security.Tls;

namespace Whisper.Server.Tls;

/// <summary>Kestrel's side of mutual TLS (docs/security/mtls.md).</summary>
public static partial class MutualTlsKestrelExtensions
{
    /// <summary>TLS 1.2 and 1.3 only; the handshake picks 1.3 whenever the client has it.</summary>
    public const SslProtocols Protocols = SslProtocols.Tls12 | SslProtocols.Tls13;

    /// <summary>
    /// When <see cref="WhisperServerSettings.Tls"/> is set, makes every endpoint HTTPS with the server's certificate and
    /// requires a client certificate that <see cref="MutualTlsPolicy"/> accepts; refusals are logged with their
    /// reason. Does nothing when it is not set. Endpoint defaults apply to the https URLs of
    /// <see cref="WhisperServerSettings.Urls"/>, so the slim host needs no HTTPS configuration service.
    /// </summary>
    public static KestrelServerOptions UseWhisperMutualTls(this KestrelServerOptions kestrel, WhisperServerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(kestrel);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Tls is not { } tls)
        {
            return kestrel;
        }

        var identity = ServiceIdentity.Load(tls.CertificatePath, tls.KeyPath, tls.ClientCaPath);
        var policy = identity.Policy(tls.AllowedClients.Count == 0 ? null : tls.AllowedClients);
        kestrel.ConfigureEndpointDefaults(listen =>
        {
            var services = listen.ApplicationServices;
            var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(MutualTlsKestrelExtensions).FullName!);
            // Every handshake uses the certificate; it lives as long as the host.
            services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopped.Register(identity.Dispose);
            listen.UseHttps(HttpsOptions(identity, policy, logger));
        });
        return kestrel;
    }

    private static HttpsConnectionAdapterOptions HttpsOptions(ServiceIdentity identity, MutualTlsPolicy policy, ILogger logger) => new()
    {
        ServerCertificate = identity.Certificate,
        ClientCertificateMode = ClientCertificateMode.RequireCertificate,
        SslProtocols = Protocols,
        // The policy decides with its own chain (only the local CA trusted, no revocation: see MutualTlsPolicy).
        CheckCertificateRevocation = false,
        // The chain and errors SslStream passes in come from the machine's root store, which does not know the
        // local CA; they are ignored on purpose and the policy builds the only chain that counts.
        ClientCertificateValidation = (certificate, _, _) =>
        {
            var verdict = policy.Validate(certificate, TlsPeerRole.Client);
            if (!verdict.Accepted)
            {
                Log.ClientRefused(logger, verdict.Outcome, verdict.Reason);
            }

            return verdict.Accepted;
        },
    };
}
