using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Whisper.Server.Auth;

/// <summary>The checks a JWT must pass: ES256 by the region's key, issuer, audience, and a bounded, current lifetime.</summary>
internal static class JwtTokenValidation
{
    public static TokenValidationParameters Parameters(JwtSettings settings, ECDsaSecurityKey key, TimeProvider time) => new()
    {
        ValidIssuer = settings.Issuer,
        ValidAudience = settings.Audience,
        IssuerSigningKey = key,
        ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
        ValidateIssuer = true,
        ValidateAudience = true,
        ValidateIssuerSigningKey = true,
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ValidateLifetime = true,
        LifetimeValidator = (notBefore, expires, token, _) => ValidateLifetime(notBefore, expires, token, time.GetUtcNow().UtcDateTime),
        NameClaimType = JwtDefaults.SubjectClaim,
        RoleClaimType = JwtDefaults.RolesClaim,
        AuthenticationType = JwtDefaults.Scheme,
    };

    /// <summary>Current (nbf ≤ now &lt; exp, with <see cref="JwtDefaults.ClockSkew"/>) and no longer than <see cref="JwtDefaults.MaxLifetime"/>.</summary>
    internal static bool ValidateLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, DateTime now)
    {
        if (expires is not { } exp)
        {
            throw new SecurityTokenNoExpirationException("The token has no exp claim; tokens must expire.");
        }

        var issued = (token as JsonWebToken)?.IssuedAt is { } iat && iat != DateTime.MinValue ? iat : notBefore;
        if (issued is not { } start)
        {
            throw new SecurityTokenInvalidLifetimeException("The token has neither iat nor nbf, so its lifetime cannot be bounded.");
        }

        if (exp - start > JwtDefaults.MaxLifetime)
        {
            throw new SecurityTokenInvalidLifetimeException($"The token lives {(exp - start).TotalHours:0.#} hours; at most {JwtDefaults.MaxLifetime.TotalHours:0} are accepted.");
        }

        if (notBefore is { } nbf && nbf > now + JwtDefaults.ClockSkew)
        {
            throw new SecurityTokenNotYetValidException("The token is not valid yet (nbf is in the future).");
        }

        if (exp <= now - JwtDefaults.ClockSkew)
        {
            throw new SecurityTokenExpiredException("The token has expired.") { Expires = exp };
        }

        return true;
    }
}
