using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Whisper.Server.Auth;

/// <summary>What a request did, as the audit trail and the intrusion detector name it.</summary>
internal static class RequestAction
{
    /// <summary>Longest target path kept; longer paths are cut (they are the caller's text).</summary>
    public const int MaxTargetLength = 512;

    /// <summary>
    /// <c>METHOD route-pattern</c>, e.g. <c>GET /v1/users/{id:long}</c>: the pattern rather than the path, so one
    /// endpoint is one action whatever its ids. A request that matched no route is <c>METHOD (unmatched)</c>.
    /// </summary>
    public static string Of(HttpContext context)
    {
        var pattern = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
        if (pattern is null)
        {
            return context.Request.Method + " (unmatched)";
        }

        return context.Request.Method + " " + (pattern.StartsWith('/') ? pattern : "/" + pattern);
    }

    /// <summary>The request path (no query string: it may carry search text), cut to <see cref="MaxTargetLength"/>.</summary>
    public static string Target(HttpContext context)
    {
        var path = context.Request.Path.HasValue ? context.Request.Path.Value! : "/";
        return path.Length <= MaxTargetLength ? path : path[..MaxTargetLength];
    }

    /// <summary>The peer address, or empty when there is none (in-memory test servers).</summary>
    public static string SourceIp(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "";
}
