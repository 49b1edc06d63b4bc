using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.Tokens;

namespace Whisper.Server.Auth;

/// <summary>Makes the JWT scheme answer like the API key scheme: 401 and 403 as problem+json, saying what was wrong with the token.</summary>
internal sealed class JwtProblemEvents : JwtBearerEvents
{
    public override Task Challenge(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        var detail = Describe(context.AuthenticateFailure);
        context.Response.Headers.WWWAuthenticate = $"{AuthProblems.Realm}, error=\"invalid_token\", error_description=\"{detail}\"";
        return AuthProblems.WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized, "Unauthorized", detail, JwtDefaults.InvalidTokenCode);
    }

    public override Task Forbidden(ForbiddenContext context) => AuthProblems.ForbiddenAsync(context.HttpContext);

    /// <summary>One sentence without quotes (it goes into a header too); never echoes the token.</summary>
    internal static string Describe(Exception? failure) => failure switch
    {
        null => "A bearer token is required.",
        SecurityTokenExpiredException => "The token has expired; issue a new one.",
        SecurityTokenNotYetValidException => "The token is not valid yet.",
        SecurityTokenInvalidLifetimeException or SecurityTokenNoExpirationException => $"The token's lifetime is missing or over {JwtDefaults.MaxLifetime.TotalHours:0} hours.",
        SecurityTokenInvalidIssuerException => "The token's issuer is not accepted by this server.",
        SecurityTokenInvalidAudienceException => "The token's audience is not this server.",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "The token's signature does not verify with this server's key.",
        SecurityTokenInvalidAlgorithmException => "The token is not signed with ES256.",
        _ => "The token is not a valid JWT for this server.",
    };
}
