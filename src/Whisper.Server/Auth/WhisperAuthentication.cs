using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Whisper.Server.Auth;

/// <summary>
/// Registers API keys and, when configured, JWT bearer tokens behind one policy scheme that picks by the token's
/// shape (<see cref="JwtDefaults.LooksLikeJwt"/>), so every protected endpoint accepts both; then the role policies.
/// </summary>
internal static class WhisperAuthentication
{
    public static void AddWhisperAuthentication(this IServiceCollection services, JwtSettings? jwt, ECDsaSecurityKey? jwtKey)
    {
        var jwtEnabled = jwt is not null && jwtKey is not null;
        var authentication = services.AddAuthentication(JwtDefaults.PolicyScheme)
            .AddPolicyScheme(JwtDefaults.PolicyScheme, "API key or JWT", o => o.ForwardDefaultSelector = context =>
                jwtEnabled && JwtDefaults.LooksLikeJwt(context.Request.Headers.Authorization) ? JwtDefaults.Scheme : ApiKeyDefaults.Scheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyDefaults.Scheme, null);
        if (jwtEnabled)
        {
            authentication.AddJwtBearer(JwtDefaults.Scheme, o =>
            {
                o.MapInboundClaims = false;
                o.Events = new JwtProblemEvents();
            });
            services.AddOptions<JwtBearerOptions>(JwtDefaults.Scheme).Configure<TimeProvider>((o, time) =>
                o.TokenValidationParameters = JwtTokenValidation.Parameters(jwt!, jwtKey!, time));
        }

        services.AddAuthorizationBuilder().AddWhisperPolicies();
    }
}
