using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Whisper.Server.Auth;

/// <summary>
/// Registers API keys and, when configured, JWT bearer tokens behind one policy scheme that picks by the token's
/// shape (<see cref="JwtDefaults.LooksLikeJwt"/>), so every protected endpoint accepts both; then the role policies.
/// The server and any other Whisper host (the cutover gateway) authenticate through this one method.
/// </summary>
public static class WhisperAuthentication
{
    /// <summary>
    /// Registers <paramref name="keys"/>, the schemes and <see cref="WhisperPolicies"/>; refusals answer problem+json.
    /// Returns the JWT verification key loaded from <paramref name="jwt"/> (null when <paramref name="jwt"/> is null), for the host's start-up log.
    /// </summary>
    /// <exception cref="InvalidDataException">The JWT key file is not an ES256 (P-256) key.</exception>
    public static ECDsaSecurityKey? AddWhisperAuthentication(this IServiceCollection services, ApiKeyStore keys, JwtSettings? jwt)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(keys);
        var jwtKey = jwt is null ? null : JwtKeyFiles.LoadVerificationKey(jwt.VerificationKeyPath);
        services.AddSingleton(keys);
        services.TryAddSingleton(TimeProvider.System);
        services.AddProblemDetails();
        var authentication = services.AddAuthentication(JwtDefaults.PolicyScheme)
            .AddPolicyScheme(JwtDefaults.PolicyScheme, "API key or JWT", o => o.ForwardDefaultSelector = context =>
                jwtKey is not null && JwtDefaults.LooksLikeJwt(context.Request.Headers.Authorization) ? JwtDefaults.Scheme : ApiKeyDefaults.Scheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyDefaults.Scheme, null);
        if (jwt is not null && jwtKey is not null)
        {
            authentication.AddJwtBearer(JwtDefaults.Scheme, o =>
            {
                o.MapInboundClaims = false;
                o.Events = new JwtProblemEvents();
            });
            services.AddOptions<JwtBearerOptions>(JwtDefaults.Scheme).Configure<TimeProvider>((o, time) =>
                o.TokenValidationParameters = JwtTokenValidation.Parameters(jwt, jwtKey, time));
        }

        services.AddAuthorizationBuilder().AddWhisperPolicies();
        return jwtKey;
    }
}
