using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

using Whisper.Cutover.Control;

namespace Whisper.Cutover.OperatorApi;

/// <summary>
/// <c>/v1/cutover/…</c> on the gateway (docs/cutover.md, "Operator API"): <c>GET status</c>, <c>POST advance</c>,
/// <c>POST rollback</c>. Refused actions answer 409 problem+json saying why; a malformed body 400.
/// </summary>
public static class CutoverOperatorApi
{
    public const string Prefix = "/v1/cutover";

    /// <summary>
    /// Maps the API over <paramref name="controller"/>. With <paramref name="requireAuthorization"/> (the default) the
    /// status requires <paramref name="readPolicy"/> and the actions <paramref name="operatePolicy"/> — by default
    /// <see cref="CutoverPolicies"/>, which <see cref="CutoverPolicies.Add"/> registers; a Whisper server host passes
    /// its own policy names instead (reader and operator). False is for a gateway bound to loopback only, and for tests.
    /// </summary>
    public static RouteGroupBuilder MapCutoverOperatorApi(
        this IEndpointRouteBuilder endpoints,
        CutoverController controller,
        TimeProvider time,
        bool requireAuthorization = true,
        string readPolicy = CutoverPolicies.Read,
        string operatePolicy = CutoverPolicies.Operate)
    {
        ArgumentNullException.ThrowIfNull(controller);
        var group = endpoints.MapGroup(Prefix);
        var status = group.MapGet("/status", () => Results.Json(CutoverStatusDocument.From(controller, time.GetUtcNow()), CutoverStatusDocument.Json));
        var advance = group.MapPost("/advance", async Task<IResult> (HttpContext context) =>
        {
            var body = await ReadAsync(context).ConfigureAwait(false);
            if (body is null)
            {
                return BadBody();
            }

            try
            {
                await controller.AdvanceAsync(Actor(context), body.Reason ?? "operator advance", body.Force, context.RequestAborted).ConfigureAwait(false);
                return Results.Json(CutoverStatusDocument.From(controller, time.GetUtcNow()), CutoverStatusDocument.Json);
            }
            catch (CutoverRefusedException e)
            {
                return Refused(e);
            }
        });
        var rollback = group.MapPost("/rollback", async Task<IResult> (HttpContext context) =>
        {
            var body = await ReadAsync(context).ConfigureAwait(false);
            if (body is null)
            {
                return BadBody();
            }

            try
            {
                await controller.RollbackAsync(Actor(context), body.Reason ?? "operator rollback", context.RequestAborted).ConfigureAwait(false);
                return Results.Json(CutoverStatusDocument.From(controller, time.GetUtcNow()), CutoverStatusDocument.Json);
            }
            catch (CutoverRefusedException e)
            {
                return Refused(e);
            }
        });
        if (requireAuthorization)
        {
            status.RequireAuthorization(readPolicy);
            advance.RequireAuthorization(operatePolicy);
            rollback.RequireAuthorization(operatePolicy);
        }

        return group;
    }

    private static string Actor(HttpContext context) => context.User.Identity?.Name is { Length: > 0 } name ? name : "operator";

    /// <summary>An empty body is an empty request; anything else must be <c>{"reason": "…", "force": false}</c>.</summary>
    private static async Task<OperatorRequest?> ReadAsync(HttpContext context)
    {
        if (context.Request.ContentLength is 0 || (context.Request.ContentLength is null && !context.Request.HasJsonContentType()))
        {
            return new OperatorRequest(null, false);
        }

        try
        {
            return await context.Request.ReadFromJsonAsync<OperatorRequest>(CutoverStatusDocument.Json, context.RequestAborted).ConfigureAwait(false) is { } r && (r.Reason?.Length ?? 0) <= 500 ? r : null;
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    private static ProblemHttpResult BadBody() => TypedResults.Problem(
        "The body must be JSON {\"reason\": \"…\" (at most 500 characters), \"force\": false}, or empty.",
        statusCode: StatusCodes.Status400BadRequest,
        title: "Malformed request",
        extensions: new Dictionary<string, object?> { ["code"] = "malformed_json" });

    private static ProblemHttpResult Refused(CutoverRefusedException e) => TypedResults.Problem(
        e.Message,
        statusCode: StatusCodes.Status409Conflict,
        title: "Cutover action refused",
        extensions: new Dictionary<string, object?> { ["code"] = "cutover_refused" });

    private sealed record OperatorRequest(string? Reason, bool Force);
}
