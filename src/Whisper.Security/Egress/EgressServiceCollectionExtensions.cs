using System.Diagnostics.Metrics;

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Logging;

namespace Whisper.Security.Egress;

/// <summary>Registers the egress guard for every HttpClient made through IHttpClientFactory.</summary>
public static class EgressServiceCollectionExtensions
{
    /// <summary>
    /// Every client from IHttpClientFactory (default, named, typed) gets a <see cref="SocketsHttpHandler"/> whose
    /// connections pass the guard, with proxies off and HTTP/3 kept out. A client that replaces the primary handler
    /// with one the guard cannot see fails when created. Registers <see cref="EgressAllowlist"/>, <see cref="EgressGuard"/>
    /// (for code that creates HttpClient itself: <c>new HttpClient(guard.CreateHandler())</c>) and a default
    /// <see cref="IHostResolver"/>. Logs through ILogger and counts on IMeterFactory when the host registers them.
    /// </summary>
    public static IServiceCollection AddEgressGuard(this IServiceCollection services, EgressAllowlist allowlist)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(allowlist);
        if (services.Any(d => d.ServiceType == typeof(EgressGuard)))
        {
            throw new InvalidOperationException("AddEgressGuard was already called; a process enforces one region's allowlist.");
        }

        services.AddSingleton(allowlist);
        services.TryAddSingleton<IHostResolver, SystemHostResolver>();
        services.AddSingleton(sp => new EgressGuard(
            allowlist,
            sp.GetService<ILogger<EgressGuard>>(),
            sp.GetRequiredService<IHostResolver>(),
            sp.GetService<IMeterFactory>()));
        services.AddHttpClient();
        services.ConfigureHttpClientDefaults(client =>
            client.ConfigurePrimaryHttpMessageHandler(sp => sp.GetRequiredService<EgressGuard>().CreateSocketsHttpHandler()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHttpMessageHandlerBuilderFilter, EgressHandlerFilter>());
        return services;
    }

    /// <summary><see cref="AddEgressGuard(IServiceCollection, EgressAllowlist)"/> with the allowlist read from a file (throws <see cref="EgressAllowlistException"/>).</summary>
    public static IServiceCollection AddEgressGuard(this IServiceCollection services, string allowlistPath) =>
        services.AddEgressGuard(EgressAllowlist.Load(allowlistPath));
}
