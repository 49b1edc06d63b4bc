using System.CommandLine;
using System.Net;

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

using Whisper.Cli.Console;
using Whisper.Cutover.Cohorts;
using Whisper.Cutover.Gateway;
using Whisper.Cutover.Geo;
using Whisper.Cutover.OperatorApi;
using Whisper.Security.Transparency;
using Whisper.Server.Auth;
using Whisper.Server.Sessions;

namespace Whisper.Cli.Commands.Cutover;

public static partial class CutoverCommand
{
    public const string DefaultGatewayUrl = "http://127.0.0.1:8090";

    /// <summary>The regions' handoff endpoints refuse shorter tokens, so a shorter one would turn every handoff into a failure.</summary>
    private const int MinHandoffTokenChars = SessionHandoffSettings.MinTokenChars;

    /// <summary>
    /// <c>whisper cutover gateway</c>: one gateway replica (docs/cutover.md, "Running the gateway") — YARP in front of the
    /// source and fork, the gate loop, and the operator API behind Whisper's API keys (and JWTs) — until Ctrl+C.
    /// </summary>
    private static Command Gateway(CliConsole console)
    {
        var listen = new Option<string>("--listen") { Description = "Listening URL(s), ';'-separated http://host:port; port 0 picks a free port.", DefaultValueFactory = _ => DefaultGatewayUrl };
        var source = new Option<string[]>("--source") { Description = "Base URL of the original service (repeat for several replicas).", Required = true };
        var fork = new Option<string[]>("--fork") { Description = "Base URL of the new region (repeat for several replicas); its /v1/parity/verdict feeds the parity gate.", Required = true };
        var plan = PlanOption();
        var state = StateOption();
        var keys = KeysCreateCommand.KeysPathOption();
        var jwtKey = new Option<string?>("--jwt-key") { Description = "Also accept JWT bearer tokens on the operator API, verified with this ES256 public key (.pub.pem)." };
        var tlog = new Option<string?>("--tlog") { Description = "Transparency log directory to record every step in (created if absent); left out: the gateway log only." };
        var trustedProxy = new Option<string[]>("--trusted-proxy") { Description = "CIDR of a load balancer whose X-Forwarded-For is believed (repeat for several); default: the peer is the client." };
        var handoffFile = new Option<string?>("--handoff-token-file") { Description = "File holding the token shared with both regions' handoff endpoints; left out: no session handoff." };
        var parityFile = new Option<string?>("--parity-credential-file") { Description = "File holding a viewer API key or JWT for the fork's GET /v1/parity/verdict; left out: sent without one." };
        var allowlist = new Option<string?>("--allowlist") { Description = "Region allowlist (docs/security/allowlist.md): proxied requests and the gateway's own calls connect only to destinations it allows." };
        var command = new Command("gateway", "Run a cutover gateway replica: routes to source or fork, checks the gates, serves /v1/cutover; Ctrl+C stops.")
        {
            listen, source, fork, plan, state, keys, jwtKey, tlog, trustedProxy, handoffFile, parityFile, allowlist,
        };
        command.SetAction(async (parse, ct) =>
        {
            var urls = ListenUrls(parse.GetValue(listen)!);
            var loadedPlan = LoadPlan(parse.GetValue(plan)!);
            var options = new CutoverGatewayOptions
            {
                Source = BaseUrls("--source", parse.GetValue(source)!),
                Fork = BaseUrls("--fork", parse.GetValue(fork)!),
                PlanPath = parse.GetValue(plan)!,
                StatePath = parse.GetValue(state)!,
                TrustedProxies = [.. (parse.GetValue(trustedProxy) ?? []).Select(TrustedProxy)],
                HandoffToken = ReadSecret(handoffFile.Name, parse.GetValue(handoffFile), MinHandoffTokenChars),
                ParityCredential = ReadSecret(parityFile.Name, parse.GetValue(parityFile), minChars: 1),
                Allowlist = EgressAllowlistOption.Load(parse.GetValue(allowlist)),
            };
            var apiKeys = LoadKeys(parse.GetValue(keys)!);
            var jwt = JwtOption(parse.GetValue(jwtKey));
            using var log = ServeCommand.OpenTransparencyLog(parse.GetValue(tlog));
            using var loggers = LoggerFactory.Create(CliLogging.Configure(verbose: false));
            using var gateway = CreateGateway(options, log, loggers);
            await using var app = BuildGatewayApp(gateway, urls, apiKeys, jwt);
            await app.StartAsync(ct).ConfigureAwait(false);
            console.Out.WriteLine($"Cutover gateway for {loadedPlan.GroupId} on {string.Join(", ", app.Urls)}: source {string.Join(", ", options.Source)}, fork {string.Join(", ", options.Fork)}; Ctrl+C stops.");
            try
            {
                await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C is how the gateway ends; stop gracefully below.
            }

            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static WebApplication BuildGatewayApp(CutoverGateway gateway, string[] urls, ApiKeyStore keys, JwtSettings? jwt)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        CliLogging.Configure(verbose: false)(builder.Logging);
        builder.WebHost.UseUrls(urls);
        builder.WebHost.ConfigureKestrel(static kestrel => kestrel.AddServerHeader = false);
        try
        {
            builder.Services.AddWhisperAuthentication(keys, jwt);
        }
        catch (InvalidDataException e)
        {
            throw new UsageException($"--jwt-key: {e.Message}");
        }

        builder.Services.AddCutoverGateway(gateway);
        var app = builder.Build();
        app.UseRouting();
        // Only the operator API is the gateway's own: credentials on proxied requests belong to the regions, which
        // check them, so the gateway neither verifies nor logs them.
        app.UseWhen(static context => context.Request.Path.StartsWithSegments(CutoverOperatorApi.Prefix), static branch => branch.UseAuthentication());
        app.UseAuthorization();
        // Status for every human role (auditor included, docs/cutover.md); advance and rollback for operator and admin.
        app.MapCutoverOperatorApi(gateway.Controller, gateway.Time, readPolicy: WhisperPolicies.Reader, operatePolicy: WhisperPolicies.Operator);
        var proxied = app.MapGroup("");
        proxied.AllowAnonymous();
        proxied.MapCutoverGateway();
        return app;
    }

    private static CutoverGateway CreateGateway(CutoverGatewayOptions options, ITransparencyLog? log, ILoggerFactory loggers)
    {
        try
        {
            return CutoverGateway.Create(options, TimeProvider.System, log, loggers);
        }
        catch (Exception e) when (e is CutoverPlanException or GeoDataFormatException)
        {
            throw new UsageException(e.Message);
        }
        catch (IOException e)
        {
            throw new UsageException($"the geo-IP files are not readable ({e.Message}); they ship in geoip/ beside the whisper binary (data/geoip/README.md).");
        }
    }

    private static string[] ListenUrls(string text)
    {
        var urls = text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var url in urls)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp || uri.AbsolutePath != "/")
            {
                throw new UsageException($"--listen '{url}' is not a plain http://host:port URL; use e.g. {DefaultGatewayUrl} (terminate TLS in a proxy in front).");
            }
        }

        return urls.Length > 0 ? urls : throw new UsageException($"--listen is empty; give a URL such as {DefaultGatewayUrl}.");
    }

    private static Uri[] BaseUrls(string option, string[] values) => [.. values.Select(value =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && string.IsNullOrEmpty(uri.Query)
            ? uri
            : throw new UsageException($"{option} '{value}' is not an http(s) base URL; give one such as http://10.0.0.5:8080."))];

    private static IPNetwork TrustedProxy(string cidr) => IPNetwork.TryParse(cidr, out var network)
        ? network
        : throw new UsageException($"--trusted-proxy '{cidr}' is not a CIDR block; give one such as 10.0.0.0/8 or 192.168.1.7/32.");

    /// <summary>A secret's file, trimmed (a trailing newline is not part of it); secrets never come from the command line, where process listings show them.</summary>
    private static string? ReadSecret(string option, string? path, int minChars)
    {
        if (path is null)
        {
            return null;
        }

        if (!File.Exists(path))
        {
            throw new UsageException($"{option} {path} does not exist; write the secret alone into that file (mode 0600).");
        }

        var secret = File.ReadAllText(path).Trim();
        return secret.Length >= minChars
            ? secret
            : throw new UsageException($"{option} {path} holds {(secret.Length == 0 ? "nothing" : "too short a secret")}; it needs at least {minChars} characters.");
    }

    private static ApiKeyStore LoadKeys(string path)
    {
        if (!File.Exists(path))
        {
            throw new UsageException($"no API keys file at {path}; create one with 'whisper keys create --id <name> --role operator --keys {path}'.");
        }

        try
        {
            return ApiKeyStore.Load(path);
        }
        catch (InvalidDataException e)
        {
            throw new UsageException(e.Message);
        }
    }

    private static JwtSettings? JwtOption(string? path) => path switch
    {
        null => null,
        _ when File.Exists(path) => new JwtSettings { VerificationKeyPath = path },
        _ => throw new UsageException($"--jwt-key {path} does not exist; give the .pub.pem that 'whisper keys token --signing-key <file>' writes."),
    };
}
