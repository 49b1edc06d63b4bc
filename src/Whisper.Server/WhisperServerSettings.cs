namespace Whisper.Server;

/// <summary>
/// How the HTTP host runs. Immutable; <see cref="WhisperServerApp.Build"/> validates it with
/// <see cref="WhisperServerSettingsValidator"/> and refuses to start while any problem remains.
/// </summary>
public sealed record WhisperServerSettings
{
    /// <summary>One MiB, the unit the body limit is usually written in.</summary>
    public const long MiB = 1024 * 1024;

    /// <summary>Where Kestrel listens: one or more <c>http://host:port</c> URLs separated by ';'. Port 0 picks a free port.</summary>
    public string Urls { get; init; } = "http://127.0.0.1:8080";

    /// <summary>The API keys file (see docs/security/authentication.md). Required; create it with <see cref="Auth.ApiKeyStore.CreateKeyAsync"/>.</summary>
    public string ApiKeysPath { get; init; } = "";

    /// <summary>Largest accepted request body, in bytes; larger ingest bodies get 413. 4 MiB holds ~25,000 typical events.</summary>
    public long MaxIngestBodyBytes { get; init; } = 4 * MiB;

    /// <summary>Most events one ingest batch may hold; more gets 413.</summary>
    public int MaxEventsPerBatch { get; init; } = 10_000;

    /// <summary>Page size of list endpoints when the caller gives no <c>limit</c>.</summary>
    public int DefaultPageSize { get; init; } = 100;

    /// <summary>Largest <c>limit</c> a list endpoint accepts; more gets 400.</summary>
    public int MaxPageSize { get; init; } = 1_000;

    /// <summary>Log one line per request (method, path, status, duration; never bodies, headers or query strings).</summary>
    public bool LogRequests { get; init; } = true;

    /// <summary>Mutual TLS (docs/security/mtls.md); null serves plain http, for TLS ending in a proxy in front.</summary>
    public Tls.TlsSettings? Tls { get; init; }

    /// <summary>JWT bearer tokens besides API keys (docs/security/authentication.md); null accepts API keys only.</summary>
    public Auth.JwtSettings? Jwt { get; init; }

    /// <summary>Serve <c>GET /v1/feed</c> without a credential, for a cold-start demo; every other endpoint still needs one.</summary>
    public bool PublicFeedDemo { get; init; }

    /// <summary>The privileged-action audit trail (docs/security/audit-trail.md); null records none. Needs a transparency log to anchor it.</summary>
    public AuditTrail.AuditTrailSettings? AuditTrail { get; init; }

    /// <summary>
    /// The folder a parity run writes (docs/parity.md), served at <c>GET /v1/parity/verdict</c> and <c>/v1/parity/report</c>
    /// for viewers and the cutover gateway's parity gate; null maps neither. The folder may not exist yet: they answer 404 until a run writes it.
    /// </summary>
    public string? ParityResultsDirectory { get; init; }

    /// <summary>
    /// The folder of integrity evidence (docs/evidence-bundle.md: model registry, manipulation report, deletion
    /// certificates, evidence bundle), served read-only at <c>/v1/integrity/*</c> to auditor and admin; null maps nothing.
    /// </summary>
    public string? IntegrityEvidenceDirectory { get; init; }

    /// <summary>
    /// Keep live sessions from ingested events and serve the cutover gateway's session handoff at <c>/internal/v1/sessions</c>
    /// (docs/server-api.md, "Session handoff"); null keeps no sessions and maps neither endpoint.
    /// </summary>
    public Sessions.SessionHandoffSettings? SessionHandoff { get; init; }

    /// <summary>Intrusion detection over the server's own requests, served at <c>GET /v1/security/alerts</c>.</summary>
    public SecurityAlerts.SecurityAlertSettings SecurityAlerts { get; init; } = new();
}
