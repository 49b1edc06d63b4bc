using Microsoft.AspNetCore.Http;

using Whisper.Security.Egress;

using Yarp.ReverseProxy.Forwarder;

namespace Whisper.Cutover.Gateway;

/// <summary>
/// The outermost step of the proxy pipeline: when the egress guard refused the destination a request was routed to,
/// YARP leaves a bare 502; this answers it with a problem+json that says why. The destination itself is not named
/// (it is the gateway's configuration, not the caller's business); the guard's log line names it.
/// </summary>
internal static class EgressRefusal
{
    public const string Code = "egress_denied";

    public static async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        await next().ConfigureAwait(false);
        if (context.Response.HasStarted || EgressDeniedException.Find(context.GetForwarderErrorFeature()?.Exception) is not { } denied)
        {
            return;
        }

        await Results.Problem(
            detail: $"The gateway's egress allowlist for region '{denied.Region}' does not allow the backend this request was routed to.",
            statusCode: StatusCodes.Status502BadGateway,
            title: "Backend not allowed",
            extensions: new Dictionary<string, object?> { ["code"] = Code }).ExecuteAsync(context).ConfigureAwait(false);
    }
}
