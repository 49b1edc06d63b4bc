using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Configuration;

namespace Whisper.Cutover.Gateway;

/// <summary>Puts a <see cref="CutoverGateway"/> behind YARP: two clusters (source, fork), one catch-all route, the routing step in the proxy pipeline.</summary>
public static class CutoverGatewayExtensions
{
    /// <summary>
    /// Registers the gateway, YARP with its two clusters and, unless <paramref name="runLoop"/> is false (tests and
    /// benchmarks drive the controller themselves), the background loop that checks the gates or re-reads the state.
    /// </summary>
    public static IServiceCollection AddCutoverGateway(this IServiceCollection services, CutoverGateway gateway, bool runLoop = true)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        services.AddSingleton(gateway);
        if (runLoop)
        {
            services.AddHostedService<CutoverGateLoop>();
        }

        RouteConfig[] routes =
        [
            new() { RouteId = "cutover", ClusterId = CutoverRoutingMiddleware.SourceCluster, Match = new RouteMatch { Path = "{**catch-all}" } },
        ];
        ClusterConfig[] clusters =
        [
            Cluster(CutoverRoutingMiddleware.SourceCluster, gateway.Options.Source),
            Cluster(CutoverRoutingMiddleware.ForkCluster, gateway.Options.Fork),
        ];
        var proxy = services.AddReverseProxy().LoadFromMemory(routes, clusters);
        if (gateway.Egress is { } egress)
        {
            // The clusters above keep YARP's default HTTP/2-or-lower, so every forwarded connection is TCP and passes the guard.
            proxy.ConfigureHttpClient((_, handler) => egress.Apply(handler));
        }

        return services;
    }

    /// <summary>
    /// Maps the proxy with the routing step, and answers <c>/internal/…</c> (the regions' handoff endpoints) with 404
    /// so nobody outside reaches them through the gateway.
    /// </summary>
    public static IEndpointRouteBuilder MapCutoverGateway(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var gateway = endpoints.ServiceProvider.GetRequiredService<CutoverGateway>();
        var lookup = endpoints.ServiceProvider.GetRequiredService<IProxyStateLookup>();
        var routing = new CutoverRoutingMiddleware(gateway, lookup);
        endpoints.Map("/internal/{**rest}", () => Results.Problem("Not found.", statusCode: StatusCodes.Status404NotFound, extensions: new Dictionary<string, object?> { ["code"] = "not_found" }));
        endpoints.MapReverseProxy(pipeline =>
        {
            pipeline.Use(EgressRefusal.InvokeAsync);
            pipeline.Use(routing.InvokeAsync);
            pipeline.UseSessionAffinity();
            pipeline.UseLoadBalancing();
            pipeline.UsePassiveHealthChecks();
        });
        return endpoints;
    }

    private static ClusterConfig Cluster(string id, IReadOnlyList<Uri> destinations) => new()
    {
        ClusterId = id,
        Destinations = destinations.Select((uri, i) => (Key: $"{id}-{i}", Value: new DestinationConfig { Address = uri.AbsoluteUri }))
            .ToDictionary(d => d.Key, d => d.Value, StringComparer.Ordinal),
    };
}
