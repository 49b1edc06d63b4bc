using Microsoft.Extensions.DependencyInjection;

namespace Whisper.Server.SecurityAlerts;

/// <summary>Registers the queue, the monitor that drains it, the alert buffer and their metrics.</summary>
internal static class SecurityAlertServices
{
    public static void AddSecurityAlerts(this IServiceCollection services, SecurityAlertSettings settings)
    {
        services.AddSingleton(settings);
        services.AddSingleton<SecurityAlertMetrics>();
        services.AddSingleton<SecurityEventQueue>();
        services.AddSingleton<SecurityAlertBuffer>();
        services.AddHostedService<SecurityAlertMonitor>();
    }
}
