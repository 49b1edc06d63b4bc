using System.Diagnostics;

using Microsoft.AspNetCore.Http;

using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Model;

namespace Whisper.Cutover.Gateway;

/// <summary>
/// The step in YARP's proxy pipeline that applies <see cref="CutoverRouter"/>: the catch-all route targets the source
/// cluster; a fork decision reassigns the request to the fork cluster (after the session handoff, when one is due);
/// a sunset decision answers without proxying. Fork responses are timed here for the traffic gates. The decision is
/// echoed in <c>X-Whisper-Route</c> for operators and tests.
/// </summary>
internal sealed class CutoverRoutingMiddleware(CutoverGateway gateway, IProxyStateLookup clusters)
{
    public const string RouteHeader = "X-Whisper-Route";
    public const string SourceCluster = "source";
    public const string ForkCluster = "fork";

    public async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        var client = gateway.Addresses.Resolve(context);
        var user = RequestUser.Read(context.Request);
        var decision = gateway.Router.Decide(client, user, gateway.Time.GetUtcNow());
        if (decision.Target == RouteTarget.Sunset)
        {
            context.Response.Headers[RouteHeader] = "sunset";
            await SunsetResponse.WriteAsync(context, gateway.Router.Schedule).ConfigureAwait(false);
            return;
        }

        if (user is { } id && gateway.Handoff is { } handoff)
        {
            await handoff.BeforeProxyAsync(id, decision.Target, context.RequestAborted).ConfigureAwait(false);
        }

        if (decision.Target == RouteTarget.Source)
        {
            context.Response.Headers[RouteHeader] = SourceCluster;
            await next().ConfigureAwait(false);
            return;
        }

        if (!clusters.TryGetCluster(ForkCluster, out ClusterState? fork))
        {
            throw new InvalidOperationException("The fork cluster is not configured.");
        }

        context.ReassignProxyRequest(fork);
        context.Response.Headers[RouteHeader] = ForkCluster;
        var started = Stopwatch.GetTimestamp();
        await next().ConfigureAwait(false);
        var failed = context.Response.StatusCode >= 500 || context.GetForwarderErrorFeature() is not null;
        gateway.Monitor.Record(gateway.Time.GetUtcNow(), Stopwatch.GetElapsedTime(started), failed);
    }
}
