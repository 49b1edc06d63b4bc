using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpLogging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

using Microsoft.IdentityModel.Tokens;

using OpenTelemetry.Metrics;

using Whisper.FeatureStore.Sessions;
using Whisper.Recommendation.Feed;
using Whisper.Security.Transparency;
using Whisper.Server.Auth;
using Whisper.Server.Catalog;
using Whisper.Server.Errors;
using Whisper.Server.EventLog;
using Whisper.Server.Feed;
using Whisper.Server.Health;
using Whisper.Server.Ingest;
using Whisper.Server.Integrity;
using Whisper.Server.Json;
using Whisper.Server.Parity;
using Whisper.Server.SecurityAlerts;
using Whisper.Server.Tls;
using Whisper.Server.Transparency;
using Whisper.Storage;

namespace Whisper.Server;

/// <summary>
/// Builds the Whisper HTTP host. The caller owns <paramref name="store"/> (the host never disposes it) and runs
/// the returned app: <c>await app.RunAsync()</c>, or <c>StartAsync</c> and read <see cref="WebApplication.Urls"/>
/// for the bound port when listening on port 0.
/// </summary>
public static partial class WhisperServerApp
{
    /// <summary>Builds (does not start) the server. Throws <see cref="OptionsValidationException"/> listing every settings problem.</summary>
    /// <param name="settings">Listening URLs, keys file and limits.</param>
    /// <param name="store">The region's store, opened by the caller.</param>
    /// <param name="logging">Replaces the default console logging when given (providers are cleared first).</param>
    /// <param name="feed">When given, <c>GET /v1/feed</c> is mapped and served by it (the caller owns it, as the store).</param>
    /// <param name="afterIngest">Called after each ingested batch that appended events (e.g. the engine's <c>Nudge</c>).</param>
    /// <param name="transparencyLog">When given, the <c>/v1/tlog</c> endpoints are mapped over it and the audit trail (settings <c>AuditTrail</c>) is anchored in it; the caller owns it and disposes it after the app.</param>
    public static WebApplication Build(WhisperServerSettings settings, IWhisperStore store, Action<ILoggingBuilder>? logging = null, FeedService? feed = null, Action? afterIngest = null, ITransparencyLog? transparencyLog = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(store);
        var validation = new WhisperServerSettingsValidator().Validate(Options.DefaultName, settings);
        if (validation.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(WhisperServerSettings), validation.Failures);
        }

        RequireAuditAnchor(settings, transparencyLog);
        var keys = ApiKeyStore.Load(settings.ApiKeysPath);

        // Slim builder: Kestrel (HTTP only), routing, logging, configuration; no command-line args of the CLI leak in.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ApplicationName = typeof(WhisperServerApp).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        if (logging is not null)
        {
            builder.Logging.ClearProviders();
            logging(builder.Logging);
        }

        builder.WebHost.UseUrls(WhisperServerSettingsValidator.SplitUrls(settings.Urls));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = settings.MaxIngestBodyBytes;
            kestrel.UseWhisperMutualTls(settings);
        });

        AddServices(builder.Services, settings, store);
        var jwtKey = AddSecurity(builder.Services, settings, keys, transparencyLog);
        AddSessions(builder.Services, settings);
        builder.Services.AddSingleton(sp => new IngestNotifier(afterIngest, sp.GetService<SessionStateStore>()));
        if (feed is not null)
        {
            builder.Services.AddFeed(feed);
        }

        var app = builder.Build();
        UsePipeline(app, settings, feed is not null, transparencyLog);
        LogStartup(app, settings, store, keys, jwtKey);
        return app;
    }

    private static void AddServices(IServiceCollection services, WhisperServerSettings settings, IWhisperStore store)
    {
        services.AddSingleton(Options.Create(settings));
        services.AddSingleton(store);
        services.TryAddSingleton(TimeProvider.System);
        services.ConfigureHttpJsonOptions(static o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, WhisperJsonContext.Default));
        services.AddProblemDetails(static o => o.CustomizeProblemDetails = ProblemCodes.AddDefaultCode);

        services.AddHealthChecks().AddCheck<StoreHealthCheck>("store", tags: [HealthEndpoints.ReadyTag]);
        services.AddOpenApi();

        services.AddSingleton<IngestMetrics>();
        services.AddSingleton<IngestHandler>();
        services.AddOpenTelemetry().WithMetrics(static metrics => metrics
            .AddMeter(IngestMetrics.MeterName)
            .AddAspNetCoreInstrumentation()
            .AddRuntimeInstrumentation()
            // No scrape cache: a scrape right after an ingest must see it (scrapes are rare and cheap).
            .AddPrometheusExporter(static o => o.ScrapeResponseCacheDurationMilliseconds = 0));

        if (settings.LogRequests)
        {
            // Method, path, status and duration only: no bodies, headers (Authorization!) or query strings.
            services.AddHttpLogging(static o =>
            {
                o.LoggingFields = HttpLoggingFields.RequestMethod | HttpLoggingFields.RequestPath | HttpLoggingFields.ResponseStatusCode | HttpLoggingFields.Duration;
                o.CombineLogs = true;
            });
        }
    }

    private static void UsePipeline(WebApplication app, WhisperServerSettings settings, bool hasFeed, ITransparencyLog? transparencyLog)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            // Kestrel's own refusals (body too large, bad framing) keep their 4xx; anything else is a 500.
            StatusCodeSelector = static ex => ex is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
        });
        app.UseStatusCodePages();
        if (settings.LogRequests)
        {
            app.UseHttpLogging();
        }

        app.UseRouting();
        app.UseAuthentication();
        UseSecurityRecording(app, settings);
        app.UseAuthorization();

        // Every endpoint names its policy (the matrix in docs/security/authentication.md); only health is anonymous.
        app.MapHealth();
        app.MapOpenApi().RequireAuthorization(WhisperPolicies.Reader);
        app.MapPrometheusScrapingEndpoint("/metrics").RequireAuthorization(WhisperPolicies.Viewer);
        if (hasFeed)
        {
            // Outside the API group: the feed is the hot path and its page writer reports no row count anyway.
            var feed = app.MapGroup("");
            if (settings.PublicFeedDemo)
            {
                feed.AllowAnonymous();
            }

            feed.MapFeed();
        }

        // The API group reports how many items each response returned, for the intrusion detector's volume rules.
        var api = app.MapGroup("");
        api.AddEndpointFilter(ReturnedRows.Filter);
        api.MapEventLog();
        api.MapCatalog();
        if (settings.ParityResultsDirectory is { } parityResults)
        {
            api.MapParity(parityResults);
        }

        if (settings.IntegrityEvidenceDirectory is { } evidence)
        {
            api.MapIntegrity(evidence);
        }

        if (transparencyLog is not null)
        {
            api.MapTransparencyLog(transparencyLog);
        }

        MapSecurityEndpoints(api, settings);
        MapSessionHandoff(app, settings);
    }

    private static void LogStartup(WebApplication app, WhisperServerSettings settings, IWhisperStore store, ApiKeyStore keys, ECDsaSecurityKey? jwtKey)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(WhisperServerApp).FullName!);
        LogSecurity(logger, settings, jwtKey);
        Log.KeysLoaded(logger, keys.Keys.Count, settings.ApiKeysPath);
        if (ApiKeyStore.IsFileTooOpen(settings.ApiKeysPath))
        {
            Log.KeyFileTooOpen(logger, settings.ApiKeysPath);
        }

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = string.Join(", ", app.Urls);
            Log.Listening(logger, addresses, store.Provider, settings.MaxIngestBodyBytes, settings.MaxEventsPerBatch);
        });
        app.Lifetime.ApplicationStopping.Register(() => Log.Stopping(logger));
    }
}
