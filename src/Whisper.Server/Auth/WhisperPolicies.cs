using Microsoft.AspNetCore.Authorization;

namespace Whisper.Server.Auth;

/// <summary>
/// The authorization policies, one per group of endpoints, and the roles each admits: the endpoint → role matrix of
/// docs/security/authentication.md. Every mapped endpoint names one of these or is explicitly anonymous (a test walks
/// them all); anything unmatched falls back to "any valid credential".
/// </summary>
public static class WhisperPolicies
{
    /// <summary>POST /v1/events.</summary>
    public const string Ingest = "whisper.ingest";

    /// <summary>The feed, catalog reads, /metrics.</summary>
    public const string Viewer = "whisper.viewer";

    /// <summary>The raw event log, user profiles, operational writes (tlog append).</summary>
    public const string Operator = "whisper.operator";

    /// <summary>The audit trail and security alerts.</summary>
    public const string Auditor = "whisper.auditor";

    /// <summary>Transparency-log reads and the OpenAPI document: every human role, not the ingest service role.</summary>
    public const string Reader = "whisper.reader";

    /// <summary>Roles each policy admits (any one suffices).</summary>
    public static IReadOnlyDictionary<string, ApiKeyRoles> Grants { get; } = new Dictionary<string, ApiKeyRoles>(StringComparer.Ordinal)
    {
        [Ingest] = ApiKeyRoles.Ingest | ApiKeyRoles.Admin,
        [Viewer] = ApiKeyRoles.Viewer | ApiKeyRoles.Operator | ApiKeyRoles.Admin,
        [Operator] = ApiKeyRoles.Operator | ApiKeyRoles.Admin,
        [Auditor] = ApiKeyRoles.Auditor | ApiKeyRoles.Admin,
        [Reader] = ApiKeyRoles.Viewer | ApiKeyRoles.Operator | ApiKeyRoles.Auditor | ApiKeyRoles.Admin,
    };

    /// <summary>True for a policy only operator, auditor or admin satisfy: its requests go into the audit trail.</summary>
    public static bool IsPrivileged(string policy) =>
        Grants.TryGetValue(policy, out var roles) && (roles & (ApiKeyRoles.Viewer | ApiKeyRoles.Ingest)) == 0;

    internal static AuthorizationBuilder AddWhisperPolicies(this AuthorizationBuilder builder)
    {
        builder.SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        foreach (var (name, roles) in Grants)
        {
            var names = ApiKeyRoleNames.ToNames(roles);
            builder.AddPolicy(name, p => p.RequireRole(names));
        }

        return builder;
    }
}
