using System.Security.Cryptography;
using System.Text;

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

using Whisper.FeatureStore.Sessions;

namespace Whisper.Cutover.Handoff;

/// <summary>
/// The two internal endpoints each region serves for the session handoff (docs/cutover.md, "Session handoff"):
/// <c>GET /internal/v1/sessions/{userId}</c> exports that user's live session as a <c>whisper-session-state</c>
/// document, <c>POST /internal/v1/sessions</c> imports one (later activity wins, expired sessions are skipped). Only
/// the gateway calls them: each request must carry the shared handoff token, and the gateway never proxies
/// <c>/internal/</c> from outside.
/// </summary>
public static class SessionHandoffEndpoints
{
    public const string TokenHeader = "X-Whisper-Handoff-Token";
    public const string Prefix = "/internal/v1/sessions";

    /// <summary>Maps both endpoints over <paramref name="sessions"/>; <paramref name="token"/> is the secret shared with the gateway (at least 16 characters).</summary>
    public static RouteGroupBuilder MapSessionHandoff(this IEndpointRouteBuilder endpoints, SessionStateStore sessions, string region, string token)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentException.ThrowIfNullOrEmpty(region);
        if (string.IsNullOrEmpty(token) || token.Length < 16)
        {
            throw new ArgumentException("The handoff token must be at least 16 characters.", nameof(token));
        }

        var expected = Encoding.UTF8.GetBytes(token);
        var group = endpoints.MapGroup(Prefix);
        group.AddEndpointFilter(async (context, next) =>
            Authorized(context.HttpContext.Request, expected)
                ? await next(context).ConfigureAwait(false)
                : TypedResults.Problem("The session handoff endpoints take the gateway's handoff token only.", statusCode: StatusCodes.Status401Unauthorized, title: "Unauthenticated", extensions: new Dictionary<string, object?> { ["code"] = "unauthenticated" }));

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
                return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest, title: "Malformed session state", extensions: new Dictionary<string, object?> { ["code"] = "invalid_session_state" });
            }
        });
        return group;
    }

    private static bool Authorized(HttpRequest request, byte[] expected)
    {
        if (!request.Headers.TryGetValue(TokenHeader, out var given) || given.Count != 1 || given[0] is null)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given[0]!), expected);
    }
}
