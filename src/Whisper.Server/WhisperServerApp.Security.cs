using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

using Whisper.Security.AuditTrail;
using Whisper.Security.Transparency;
using Whisper.Server.AuditTrail;
using Whisper.Server.Auth;
using Whisper.Server.SecurityAlerts;

namespace Whisper.Server;

/// <summary>Authentication (API keys and JWT), the privileged-action audit trail and the security alerts of the host.</summary>
public static partial class WhisperServerApp
{
    /// <summary>Checks what the settings cannot check alone: an audit trail needs a log to anchor it.</summary>
    private static void RequireAuditAnchor(WhisperServerSettings settings, ITransparencyLog? transparencyLog)
    {
        if (settings.AuditTrail is not null && transparencyLog is null)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(WhisperServerSettings),
                ["AuditTrail needs a transparency log to anchor it: pass the log to WhisperServerApp.Build (whisper serve --tlog <dir>)."]);
        }
    }

    /// <summary>Authentication (the same registration the cutover gateway uses), alerts and the audit trail; returns the JWT key for the start-up log.</summary>
    private static ECDsaSecurityKey? AddSecurity(IServiceCollection services, WhisperServerSettings settings, ApiKeyStore keys, ITransparencyLog? transparencyLog)
    {
        var jwtKey = services.AddWhisperAuthentication(keys, settings.Jwt);
        services.AddSecurityAlerts(settings.SecurityAlerts);
        if (settings.AuditTrail is not { } trailSettings)
        {
            return jwtKey;
        }

        services.AddSingleton<AuditTrailMetrics>();
        services.AddSingleton(provider =>
        {
            // Opened while the host is built, not started: a broken trail must stop the server before it takes a request.
            var options = new AuditTrailOptions { AnchorEvery = trailSettings.AnchorEvery, TimeProvider = provider.GetRequiredService<TimeProvider>() };
            var trail = AuditTrailFile.OpenAsync(trailSettings.Path, transparencyLog!, options).GetAwaiter().GetResult();
            return new AuditTrailRecorder(trail, provider.GetRequiredService<AuditTrailMetrics>(), provider.GetRequiredService<ILogger<AuditTrailRecorder>>());
        });
        services.AddHostedService(static provider => provider.GetRequiredService<AuditTrailRecorder>());
        return jwtKey;
    }

    /// <summary>
    /// After authentication (they name the caller), before authorization (they see its refusals): every request becomes an
    /// access event for the detector, and privileged ones a record in the audit trail.
    /// </summary>
    private static void UseSecurityRecording(WebApplication app, WhisperServerSettings settings)
    {
        app.UseMiddleware<AccessEventMiddleware>();
        if (settings.AuditTrail is not null)
        {
            // Resolve now, so a broken trail fails Build rather than the first request.
            app.Services.GetRequiredService<AuditTrailRecorder>();
            app.UseMiddleware<AuditTrailMiddleware>();
        }
    }

    private static void MapSecurityEndpoints(IEndpointRouteBuilder api, WhisperServerSettings settings)
    {
        if (settings.AuditTrail is not null)
        {
            api.MapAuditTrail();
        }

        api.MapSecurityAlerts();
    }

    private static void LogSecurity(ILogger logger, WhisperServerSettings settings, ECDsaSecurityKey? jwtKey)
    {
        if (settings.Jwt is { } jwt && jwtKey is not null)
        {
            Log.JwtEnabled(logger, jwt.Issuer, jwt.Audience, jwtKey.KeyId);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = SecurityLogEventIds.JwtEnabled, Level = LogLevel.Information,
            Message = "JWT bearer tokens accepted: issuer {Issuer}, audience {Audience}, ES256 key {KeyId}")]
        public static partial void JwtEnabled(ILogger logger, string issuer, string audience, string keyId);
    }
}
