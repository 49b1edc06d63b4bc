namespace Whisper.Server.Tls;

/// <summary>
/// Mutual TLS for the server (docs/security/mtls.md): the server presents <see cref="CertificatePath"/> +
/// <see cref="KeyPath"/> and requires every client to present a certificate issued by the CA at
/// <see cref="ClientCaPath"/> (made with <c>whisper ca</c>). When set, every listening URL must be https; there is
/// no server-only TLS mode, so "TLS on" always means "unknown clients refused".
/// </summary>
public sealed record TlsSettings
{
    /// <summary>The server's certificate, PEM (<c>whisper ca issue</c> writes <c>&lt;name&gt;.crt</c>).</summary>
    public string CertificatePath { get; init; } = "";

    /// <summary>The server's private key, PEM PKCS#8 (<c>&lt;name&gt;.key</c>, mode 0600).</summary>
    public string KeyPath { get; init; } = "";

    /// <summary>The CA certificate clients must chain to (<c>ca.crt</c>); the machine's root store is never consulted.</summary>
    public string ClientCaPath { get; init; } = "";

    /// <summary>Service names (client certificate CNs) allowed to connect; empty allows every certificate of the CA.</summary>
    public IReadOnlyList<string> AllowedClients { get; init; } = [];

    /// <summary>
    /// Settings from command-line values: null when none is given (plain http); otherwise all of them, even when some
    /// are missing, so that validation names each missing one instead of TLS being silently off.
    /// </summary>
    public static TlsSettings? FromOptions(string? certificatePath, string? keyPath, string? clientCaPath, IReadOnlyList<string>? allowedClients) =>
        certificatePath is null && keyPath is null && clientCaPath is null && (allowedClients is null || allowedClients.Count == 0)
            ? null
            : new TlsSettings { CertificatePath = certificatePath ?? "", KeyPath = keyPath ?? "", ClientCaPath = clientCaPath ?? "", AllowedClients = allowedClients ?? [] };
}
