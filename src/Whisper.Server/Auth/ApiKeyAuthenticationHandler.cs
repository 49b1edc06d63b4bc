using System.Security.Claims;
using System.Text.Encodings.Web;

using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

using Whisper.Server.Errors;

namespace Whisper.Server.Auth;

/// <summary>
/// Authenticates <c>Authorization: Bearer &lt;key&gt;</c> or <c>X-Api-Key: &lt;key&gt;</c> against the
/// <see cref="ApiKeyStore"/>; the principal carries the key id (never the key) and one role claim per role.
/// Challenges and refusals answer with problem+json (401 with WWW-Authenticate, 403).
/// </summary>
internal sealed partial class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    ApiKeyStore keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    private const string FailureKey = "whisper.auth.failure";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!TryGetPresentedKey(Request.Headers, out var presented))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (!keys.TryVerify(presented, out var entry))
        {
            Context.Items[FailureKey] = true;
            Log.KeyRejected(Logger);
            return Task.FromResult(AuthenticateResult.Fail("The API key is not valid."));
        }

        var claims = new List<Claim>(4) { new(ClaimTypes.NameIdentifier, entry.Id), new(ClaimTypes.Name, entry.Id) };
        foreach (var role in ApiKeyRoleNames.ToNames(entry.Roles))
        {
            claims.Add(new Claim(ClaimTypes.Role, role));
        }

        Log.KeyAccepted(Logger, entry.Id);
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var invalid = Context.Items.ContainsKey(FailureKey);
        Response.Headers.WWWAuthenticate = invalid ? AuthProblems.Realm + ", error=\"invalid_token\"" : AuthProblems.Realm;
        return AuthProblems.WriteAsync(
            Context,
            StatusCodes.Status401Unauthorized,
            "Unauthorized",
            invalid ? "The API key is not valid." : $"A credential is required: send Authorization: Bearer <API key or JWT>, or {ApiKeyDefaults.HeaderName}: <API key>.",
            invalid ? ProblemCodes.InvalidApiKey : ProblemCodes.Unauthenticated);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => AuthProblems.ForbiddenAsync(Context);

    private static bool TryGetPresentedKey(IHeaderDictionary headers, out string key)
    {
        key = "";
        var authorization = headers.Authorization;
        if (authorization.Count == 1 && authorization[0] is { } value
            && value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            key = value["Bearer ".Length..].Trim();
            return key.Length > 0;
        }

        StringValues apiKey = headers[ApiKeyDefaults.HeaderName];
        if (apiKey.Count == 1 && !string.IsNullOrWhiteSpace(apiKey[0]))
        {
            key = apiKey[0]!.Trim();
            return true;
        }

        return false;
    }
}
