using Microsoft.AspNetCore.Http;

using Whisper.Security.Detection;
using Whisper.Server.Auth;

namespace Whisper.Server.SecurityAlerts;

/// <summary>
/// Turns every request, refused ones included, into an access <see cref="SecurityEvent"/> (who, from where, which
/// endpoint, how many rows) for the detector. It only queues: a full queue drops the event, never delays the response.
/// </summary>
internal sealed class AccessEventMiddleware(RequestDelegate next, SecurityEventQueue queue, TimeProvider time)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            queue.TryWrite(new SecurityEvent(
                time.GetUtcNow(),
                SecurityEventKind.Access,
                CallerIdentity.Actor(context.User),
                SourceIp: RequestAction.SourceIp(context),
                Action: RequestAction.Of(context),
                Rows: ReturnedRows.Get(context)));
        }
    }
}
