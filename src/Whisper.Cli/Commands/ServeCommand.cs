using System.CommandLine;

using Microsoft.Extensions.Options;

using Whisper.Cli.Console;
using Whisper.Recommendation.Engine;
using Whisper.Security.Transparency;
using Whisper.Server;
using Whisper.Server.AuditTrail;
using Whisper.Server.Auth;
using Whisper.Server.SecurityAlerts;
using Whisper.Server.Sessions;
using Whisper.Server.Tls;
using Whisper.Storage;

namespace Whisper.Cli.Commands;

/// <summary><c>whisper serve</c>: runs the HTTP server on a store until Ctrl+C.</summary>
public static class ServeCommand
{
    public static Option<string> UrlsOption() => new("--urls")
    {
        Description = "Listening URL(s), ';'-separated. Loopback by default; port 0 picks a free port.",
        DefaultValueFactory = _ => new WhisperServerSettings().Urls,
    };

    /// <summary>The session handoff settings; the token stays in its file (process listings show command lines).</summary>
    private static SessionHandoffSettings? SessionHandoff(string? tokenFile, string? region) => (tokenFile, region) switch
    {
        (null, null) => null,
        (null, _) => throw new UsageException("--region is only used with --session-handoff-token-file; give both to serve the session handoff."),
        (_, null) => throw new UsageException("--session-handoff-token-file needs --region <code> (e.g. us), the region written into handed-over sessions."),
        _ => new SessionHandoffSettings { Region = region, TokenPath = tokenFile },
    };

    public static Command Create(CliConsole console)
    {
        var store = new StoreSelection();
        var urls = UrlsOption();
        var keys = KeysCreateCommand.KeysPathOption();
        var verbose = new Option<bool>("--verbose") { Description = "Log one line per request (method, path, status, duration)." };
        var noFeed = new Option<bool>("--no-feed") { Description = "Do not host the recommendation engine (no GET /v1/feed, no training)." };
        var checkpoints = CheckpointsOption();
        var tlsCert = new Option<string?>("--tls-cert") { Description = "Serve mutual TLS with this certificate (PEM from 'whisper ca issue'); needs --tls-key, --client-ca and https --urls." };
        var tlsKey = new Option<string?>("--tls-key") { Description = "The server certificate's private key (PEM PKCS#8, mode 0600)." };
        var clientCa = new Option<string?>("--client-ca") { Description = "CA certificate (ca.crt) that client certificates must chain to; clients without one are refused." };
        var allowClient = new Option<string[]>("--allow-client") { Description = "Accept only these client service names (certificate CNs); default any of the CA. Repeat for several.", AllowMultipleArgumentsPerToken = true };
        var jwtKey = new Option<string?>("--jwt-key") { Description = "Also accept JWT bearer tokens verified with this ES256 public key (the .pub.pem 'whisper keys token' writes)." };
        var auditTrail = new Option<string?>("--audit-trail") { Description = "Record privileged requests and refusals in this hash-chained file (created 0600); needs --tlog to anchor it." };
        var tlog = new Option<string?>("--tlog") { Description = "Transparency log directory: serves /v1/tlog and anchors the audit trail (created if absent)." };
        var securityEvents = new Option<string?>("--security-events") { Description = "Also append every request's access event to this JSON-lines file (what 'whisper detect' reads)." };
        var publicFeedDemo = new Option<bool>("--public-feed-demo") { Description = "Serve GET /v1/feed without a credential (cold-start demo); everything else still needs one." };
        var integrityEvidence = new Option<string?>("--integrity-evidence") { Description = "Serve the integrity evidence in this folder (model registry, manipulation report, deletion certificates, bundle) at /v1/integrity/* to auditor and admin." };
        var parityResults = new Option<string?>("--parity-results") { Description = "Serve GET /v1/parity/verdict and /v1/parity/report (viewer) from this folder ('whisper parity run --out'); 404 until a run writes it." };
        var handoffToken = new Option<string?>("--session-handoff-token-file") { Description = "Keep live sessions and serve the cutover gateway's session handoff (/internal/v1/sessions) with the token in this file; needs --region." };
        var region = new Option<string?>("--region") { Description = "This server's region code (e.g. us), written into handed-over session documents." };
        var command = new Command("serve", "Serve the For You feed, ingest, catalog, health, OpenAPI and metrics over HTTP.")
        {
            urls, keys, verbose, noFeed, checkpoints, tlsCert, tlsKey, clientCa, allowClient, jwtKey, auditTrail, tlog, securityEvents, publicFeedDemo, parityResults, integrityEvidence, handoffToken, region,
        };
        store.AddTo(command);
        var modelServing = new ModelServingOptions();
        modelServing.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var settings = Settings(parse.GetValue(urls)!, parse.GetValue(keys)!) with
            {
                Tls = TlsSettings.FromOptions(parse.GetValue(tlsCert), parse.GetValue(tlsKey), parse.GetValue(clientCa), parse.GetValue(allowClient)),
                Jwt = parse.GetValue(jwtKey) is { } jwt ? new JwtSettings { VerificationKeyPath = jwt } : null,
                AuditTrail = parse.GetValue(auditTrail) is { } trail ? new AuditTrailSettings { Path = trail } : null,
                SecurityAlerts = new SecurityAlertSettings { EventsPath = parse.GetValue(securityEvents) },
                PublicFeedDemo = parse.GetValue(publicFeedDemo),
                ParityResultsDirectory = parse.GetValue(parityResults),
                IntegrityEvidenceDirectory = parse.GetValue(integrityEvidence),
                SessionHandoff = SessionHandoff(parse.GetValue(handoffToken), parse.GetValue(region)),
            };
            using var transparencyLog = OpenTransparencyLog(parse.GetValue(tlog));
            var storeOptions = store.Resolve(parse);
            await using var opened = await WhisperStores.OpenAsync(storeOptions, ct).ConfigureAwait(false);
            await using var engine = parse.GetValue(noFeed)
                ? null
                : await modelServing.StartEngineAsync(console, parse, opened, EngineStartup.Options(parse.GetValue(checkpoints) ?? DefaultCheckpoints(storeOptions)), transparencyLog, parse.GetValue(tlog), ct).ConfigureAwait(false);
            await using var app = Build(settings, opened, parse.GetValue(verbose), engine, transparencyLog);
            await app.StartAsync(ct).ConfigureAwait(false);
            console.Out.WriteLine($"Serving {opened.Provider} store on {string.Join(", ", app.Urls)}; Ctrl+C stops.");
            try
            {
                await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C is how serve ends; stop gracefully below.
            }

            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Option<string?> CheckpointsOption() => new("--checkpoints")
    {
        Description = "Folder for the trainer's checkpoints and the saved HNSW index (default: 'model' beside the SQLite file, or .whisper/model).",
    };

    /// <summary>'model' beside a SQLite store; .whisper/model for PostgreSQL.</summary>
    public static string DefaultCheckpoints(StoreOptions store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var folder = store.Provider == StoreProvider.Sqlite && !store.ConnectionString.Contains("Data Source=", StringComparison.OrdinalIgnoreCase)
            ? Path.GetDirectoryName(Path.GetFullPath(store.ConnectionString))
            : null;
        return Path.Combine(folder ?? ".whisper", "model");
    }

    /// <summary>Server settings from CLI values; a missing keys file is a usage error naming the fix.</summary>
    public static WhisperServerSettings Settings(string urls, string keysPath)
    {
        if (!File.Exists(keysPath))
        {
            throw new UsageException($"no API keys file at {keysPath}; create one with 'whisper keys create --id <name> --role ingest --role viewer --keys {keysPath}'.");
        }

        return new WhisperServerSettings { Urls = urls, ApiKeysPath = keysPath };
    }

    /// <summary>Builds the app, turning settings problems into one usage line.</summary>
    public static Microsoft.AspNetCore.Builder.WebApplication Build(
        WhisperServerSettings settings, IWhisperStore store, bool verbose, RecommendationEngine? engine = null, ITransparencyLog? transparencyLog = null)
    {
        try
        {
            return WhisperServerApp.Build(settings, store, CliLogging.Configure(verbose), engine?.Feed, engine is null ? null : engine.Nudge, transparencyLog);
        }
        catch (OptionsValidationException e)
        {
            throw new UsageException(string.Join(" ", e.Failures));
        }
        catch (InvalidDataException e)
        {
            // A malformed keys file or JWT key, or an audit trail that no longer verifies: the message names the file and the fix.
            throw new UsageException(e.Message);
        }
    }

    /// <summary>Opens (creating when absent) the transparency log for --tlog; a log held by another process is a usage error.</summary>
    internal static TransparencyLog? OpenTransparencyLog(string? directory)
    {
        if (directory is null)
        {
            return null;
        }

        try
        {
            return TransparencyLog.Open(directory);
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            throw new UsageException($"--tlog {directory}: {e.Message}");
        }
    }
}
