using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;

using Whisper.Security.AuditTrail;
using Whisper.Server.Auth;

namespace Whisper.Server.AuditTrail;

/// <summary>
/// Records who did what, when, from where and how it ended for every privileged request: any endpoint that needs
/// operator, auditor or admin, every write that is not ingest, and every 401/403 refusal. The record is on disk before
/// the request completes. Runs after authentication (it knows the caller) and before authorization (it sees refusals).
/// </summary>
internal sealed class AuditTrailMiddleware(RequestDelegate next, AuditTrailRecorder recorder, TimeProvider time)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var status = StatusCodes.Status500InternalServerError;
        try
        {
            await next(context).ConfigureAwait(false);
            status = context.Response.StatusCode;
        }
        finally
        {
            if (IsPrivileged(context, status))
            {
                await recorder.RecordAsync(new AuditEntry(
                    time.GetUtcNow(),
                    CallerIdentity.Actor(context.User),
                    CallerIdentity.Roles(context.User),
                    RequestAction.Of(context),
                    RequestAction.Target(context),
                    AuditOutcomes.FromStatus(status),
                    status,
                    RequestAction.SourceIp(context))).ConfigureAwait(false);
            }
        }
    }

    internal static bool IsPrivileged(HttpContext context, int status)
    {
        if (status is StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden)
        {
            return true;
        }

        var policies = context.GetEndpoint()?.Metadata.GetOrderedMetadata<IAuthorizeData>() ?? [];
        var ingest = false;
        foreach (var data in policies)
        {
            if (data.Policy is { } policy && WhisperPolicies.IsPrivileged(policy))
            {
                return true;
            }

            ingest |= data.Policy == WhisperPolicies.Ingest;
        }

        return !ingest && !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method) && !HttpMethods.IsOptions(context.Request.Method);
    }
}
