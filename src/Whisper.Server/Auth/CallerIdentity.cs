using System.Security.Claims;

namespace Whisper.Server.Auth;

/// <summary>Who made a request, as the audit trail and the intrusion detector name it.</summary>
internal static class CallerIdentity
{
    public const string Anonymous = "anonymous";

    /// <summary><c>key:&lt;key id&gt;</c>, <c>jwt:&lt;subject&gt;</c>, or <c>anonymous</c>.</summary>
    public static string Actor(ClaimsPrincipal user)
    {
        if (user.Identity is not { IsAuthenticated: true } identity || string.IsNullOrEmpty(identity.Name))
        {
            return Anonymous;
        }

        return identity.AuthenticationType == JwtDefaults.Scheme ? "jwt:" + identity.Name : "key:" + identity.Name;
    }

    /// <summary>The caller's role names (known roles only, in flag order).</summary>
    public static string[] Roles(ClaimsPrincipal user)
    {
        var roles = ApiKeyRoles.None;
        foreach (var name in ApiKeyRoleNames.All)
        {
            if (user.IsInRole(name) && ApiKeyRoleNames.TryParse(name, out var role))
            {
                roles |= role;
            }
        }

        return ApiKeyRoleNames.ToNames(roles);
    }
}
