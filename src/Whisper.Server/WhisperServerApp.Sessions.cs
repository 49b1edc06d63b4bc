using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

using Whisper.FeatureStore.Sessions;
using Whisper.Server.Sessions;

namespace Whisper.Server;

public static partial class WhisperServerApp
{
    /// <summary>When the session handoff is configured: the live-session store (ingest feeds it through <c>IngestNotifier</c>) and its sweeper.</summary>
    private static void AddSessions(IServiceCollection services, WhisperServerSettings settings)
    {
        if (settings.SessionHandoff is not null)
        {
            services.AddSingleton(static sp => new SessionStateStore(sp.GetRequiredService<TimeProvider>()));
            services.AddHostedService<SessionSweepService>();
        }
    }

    private static void MapSessionHandoff(WebApplication app, WhisperServerSettings settings)
    {
        if (settings.SessionHandoff is { } handoff)
        {
            app.MapSessionHandoff(app.Services.GetRequiredService<SessionStateStore>(), handoff.Region, handoff.ReadToken());
        }
    }
}
