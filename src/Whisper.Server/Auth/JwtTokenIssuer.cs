using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Whisper.Server.Auth;

/// <summary>Issues ES256 JWTs the server accepts (<c>whisper keys token</c> uses it): <c>sub</c>, <c>roles</c>, <c>iat</c>, <c>nbf</c>, <c>exp</c>, <c>jti</c>.</summary>
public static class JwtTokenIssuer
{
    /// <summary>Signs a token for <paramref name="request"/>, issued at <paramref name="issuedAt"/>.</summary>
    /// <exception cref="ArgumentException">The request breaks a rule (<see cref="JwtTokenRequest.Problem"/>).</exception>
    public static string Issue(ECDsaSecurityKey signingKey, JwtTokenRequest request, DateTimeOffset issuedAt)
    {
        ArgumentNullException.ThrowIfNull(signingKey);
        ArgumentNullException.ThrowIfNull(request);
        if (request.Problem() is { } problem)
        {
            throw new ArgumentException(problem, nameof(request));
        }

        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = request.Issuer,
            Audience = request.Audience,
            IssuedAt = issuedAt.UtcDateTime,
            NotBefore = issuedAt.UtcDateTime,
            Expires = (issuedAt + request.Lifetime).UtcDateTime,
            Claims = new Dictionary<string, object>(StringComparer.Ordinal)
            {
                [JwtDefaults.SubjectClaim] = request.Subject,
                [JwtDefaults.RolesClaim] = ApiKeyRoleNames.ToNames(request.Roles),
                [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N"),
            },
            SigningCredentials = new SigningCredentials(signingKey, SecurityAlgorithms.EcdsaSha256),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }
}
