using Microsoft.AspNetCore.Authorization;

namespace Whisper.Cutover.OperatorApi;

/// <summary>
/// The operator API's authorization policies, by role claim (the wire names of docs/security/authentication.md):
/// reading the status takes viewer, auditor, operator or admin; advancing and rolling back take operator or admin. The
/// host registers its authentication (API keys, JWT) and calls <see cref="Add"/>; the API only names the policies.
/// </summary>
public static class CutoverPolicies
{
    public const string Read = "cutover.read";
    public const string Operate = "cutover.operate";

    public static void Add(AuthorizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddPolicy(Read, p => p.RequireAuthenticatedUser().RequireRole("viewer", "auditor", "operator", "admin"));
        options.AddPolicy(Operate, p => p.RequireAuthenticatedUser().RequireRole("operator", "admin"));
    }
}
