namespace Whisper.Server.Auth;

/// <summary>
/// What a credential (an API key or a JWT's <c>roles</c> claim) may do. Stored by wire name (<see cref="ApiKeyRoleNames"/>).
/// Which endpoint takes which role is the matrix in <see cref="WhisperPolicies"/> and docs/security/authentication.md.
/// </summary>
[Flags]
public enum ApiKeyRoles
{
    None = 0,

    /// <summary>A service role: POST /v1/events only, nothing to read.</summary>
    Ingest = 1,

    /// <summary>The feed, catalog reads, transparency-log reads and the /metrics scrape.</summary>
    Viewer = 2,

    /// <summary>Everything <see cref="Viewer"/> may do, plus the raw event log, user profiles and operational writes (tlog append).</summary>
    Operator = 4,

    /// <summary>Read-only oversight: the transparency log, the audit trail and security alerts; no catalog, user data or feed.</summary>
    Auditor = 8,

    /// <summary>Everything.</summary>
    Admin = 16,
}
