using System.Security.Cryptography;
using System.Text;

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

using Whisper.FeatureStore.Sessions;
using Whisper.Server.Errors;

namespace Whisper.Server.Sessions;

/// <summary>
/// The two internal endpoints each region serves for the cutover's session handoff (docs/server-api.md, "Session
/// handoff"; docs/cutover.md): <c>GET /internal/v1/sessions/{userId}</c> exports that user's live session as a
/// <c>whisper-session-state</c> document, <c>POST /internal/v1/sessions</c> imports one (later activity wins, expired
/// sessions are skipped). Only the gateway calls them: they take no API key or JWT role but the shared handoff token
/// (no token: 401, a wrong one: 403), and the gateway never proxies <c>/internal/</c> from outside.
/// </summary>
public static class SessionHandoffEndpoints
{
    public const string TokenHeader = "X-Whisper-Handoff-Token";
    public const string Prefix = "/internal/v1/sessions";

    /// <summary>Maps both endpoints over <paramref name="sessions"/>; <paramref name="token"/> is the secret shared with the gateway (at least <see cref="SessionHandoffSettings.MinTokenChars"/> characters).</summary>
    public static RouteGroupBuilder MapSessionHandoff(this IEndpointRouteBuilder endpoints, SessionStateStore sessions, string region, string token)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentException.ThrowIfNullOrEmpty(region);
        if (string.IsNullOrEmpty(token) || token.Length < SessionHandoffSettings.MinTokenChars)
        {
            throw new ArgumentException($"The handoff token must be at least {SessionHandoffSettings.MinTokenChars} characters.", nameof(token));
        }

        var expected = Encoding.UTF8.GetBytes(token);
        var group = endpoints.MapGroup(Prefix);
        // Roles do not apply: the shared token below is the only credential these endpoints take.
        group.AllowAnonymous().WithMetadata(new SharedTokenGuard(TokenHeader)).ExcludeFromDescription();
        group.AddEndpointFilter(async (context, next) =>
            Check(context.HttpContext.Request, expected) ?? await next(context).ConfigureAwait(false));

        group.MapGet("/{userId:long}", (long userId) =>
        {
            using var buffer = new MemoryStream();
            sessions.ExportUser(buffer, region, userId);
            return TypedResults.Bytes(buffer.ToArray(), "application/json");
        });

        group.MapPost("/", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            var json = await reader.ReadToEndAsync(request.HttpContext.RequestAborted).ConfigureAwait(false);
            try
            {
                var result = sessions.Import(json);
                return Results.Json(new { imported = result.Imported, skipped_expired = result.SkippedExpired, kept_local = result.KeptLocal });
            }
            catch (SessionStateFormatException e)
            {
                return Problems.Create(StatusCodes.Status400BadRequest, "Malformed session state", e.Message, "invalid_session_state");
            }
        });
        return group;
    }

    /// <summary>Null when the request carries the token; otherwise the refusal (401 without one, 403 with a wrong one).</summary>
    private static ProblemHttpResult? Check(HttpRequest request, byte[] expected)
    {
        if (!request.Headers.TryGetValue(TokenHeader, out var given) || given.Count == 0)
        {
            return Problems.Create(StatusCodes.Status401Unauthorized, "Unauthenticated",
                $"The session handoff endpoints take the gateway's handoff token in {TokenHeader}.", ProblemCodes.Unauthenticated);
        }

        return given.Count == 1 && given[0] is { } value && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(value), expected)
            ? null
            : Problems.Create(StatusCodes.Status403Forbidden, "Forbidden", "The handoff token does not match this region's.", ProblemCodes.Forbidden);
    }
}
