namespace Whisper.Server.Auth;

/// <summary>Names and limits of the JWT bearer scheme and of the policy scheme that picks between it and API keys.</summary>
public static class JwtDefaults
{
    /// <summary>The JWT bearer scheme.</summary>
    public const string Scheme = "Jwt";

    /// <summary>The default scheme: forwards to <see cref="Scheme"/> for a JWT-shaped bearer token, else to the API key scheme.</summary>
    public const string PolicyScheme = "Whisper";

    /// <summary>The claim holding the token's roles: a JSON array of role names (<see cref="ApiKeyRoleNames"/>).</summary>
    public const string RolesClaim = "roles";

    /// <summary>The claim naming who the token is for; shown in logs and the audit trail.</summary>
    public const string SubjectClaim = "sub";

    public const string Issuer = "whisper";

    public const string Audience = "whisper-api";

    /// <summary>The longest lifetime (exp − iat) a token may have; longer tokens are refused, so a leaked token dies within a day.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromHours(24);

    /// <summary>Clock difference tolerated between the token's issuer and this server.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(1);

    /// <summary>The <c>code</c> of a 401 for a token that does not validate.</summary>
    public const string InvalidTokenCode = "invalid_token";

    /// <summary>
    /// True for <c>Bearer eyJ….….…</c>: a compact JWS starts with a base64url JSON header (<c>{"</c> → <c>eyJ</c>) and
    /// has two dots. API keys (<c>whk_</c> + base64url) never do, so the two never collide.
    /// </summary>
    public static bool LooksLikeJwt(string? authorization)
    {
        const string Bearer = "Bearer ";
        if (authorization is null || !authorization.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var token = authorization.AsSpan(Bearer.Length).Trim();
        return token.StartsWith("eyJ", StringComparison.Ordinal) && token.Count('.') == 2;
    }
}
