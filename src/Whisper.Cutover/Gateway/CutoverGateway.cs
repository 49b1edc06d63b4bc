using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

using Whisper.Cutover.Cohorts;
using Whisper.Cutover.Control;
using Whisper.Cutover.Gates;
using Whisper.Cutover.Geo;
using Whisper.Cutover.Handoff;
using Whisper.Security.Egress;
using Whisper.Security.Transparency;

namespace Whisper.Cutover.Gateway;

/// <summary>
/// One gateway replica's parts, wired: geo-IP, the controller over plan and state, the router, the fork traffic
/// monitor that feeds the error-rate and p99 gates, and the session handoff. <see cref="Create"/> builds it from
/// <see cref="CutoverGatewayOptions"/>; <see cref="CutoverGatewayExtensions"/> puts it behind YARP.
/// </summary>
public sealed class CutoverGateway : IDisposable
{
    private readonly HttpClient? _ownedClient;

    public CutoverGateway(
        CutoverGatewayOptions options,
        GeoIpService geo,
        CutoverController controller,
        ForkTrafficMonitor monitor,
        SessionHandoffCoordinator? handoff,
        TimeProvider time,
        HttpClient? ownedClient = null,
        EgressGuard? egress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(controller);
        Options = options;
        Geo = geo;
        Controller = controller;
        Monitor = monitor;
        Handoff = handoff;
        Time = time;
        _ownedClient = ownedClient;
        Egress = egress;
        Router = new CutoverRouter(geo, controller.Schedule, controller.State);
        Addresses = new ClientAddressResolver(options.TrustedProxies);
        controller.StateChanged += Router.Update;
    }

    public CutoverGatewayOptions Options { get; }

    public GeoIpService Geo { get; }

    public CutoverController Controller { get; }

    public CutoverRouter Router { get; }

    public ClientAddressResolver Addresses { get; }

    public ForkTrafficMonitor Monitor { get; }

    public SessionHandoffCoordinator? Handoff { get; }

    public TimeProvider Time { get; }

    /// <summary>The guard every outbound connection passes (from <see cref="CutoverGatewayOptions.Allowlist"/>); null: unguarded.</summary>
    public EgressGuard? Egress { get; }

    /// <summary>
    /// Loads the plan, the state and the geo data and wires the default gates: the fork's parity verdict (from
    /// <paramref name="parity"/>, or <c>GET &lt;fork&gt;/v1/parity/verdict</c>), its error rate and its p99 latency.
    /// </summary>
    /// <exception cref="CutoverPlanException">The plan or state file is not usable.</exception>
    /// <exception cref="GeoDataFormatException">A geo file is malformed (at start-up there is nothing older to serve).</exception>
    public static CutoverGateway Create(
        CutoverGatewayOptions options,
        TimeProvider? time = null,
        ITransparencyLog? audit = null,
        ILoggerFactory? loggers = null,
        IParityVerdictSource? parity = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        time ??= TimeProvider.System;
        loggers ??= NullLoggerFactory.Instance;
        var plan = CutoverPlanReader.ReadFile(options.PlanPath);
        var geo = GeoIpService.Open(options.GeoDirectory, time, loggers.CreateLogger<GeoIpService>());
        if (options.WatchGeoFiles)
        {
            geo.WatchForChanges();
        }

        var egress = options.Allowlist is { } allowlist ? new EgressGuard(allowlist, loggers.CreateLogger<EgressGuard>()) : null;
        var client = new HttpClient(OwnHandler(egress)) { Timeout = TimeSpan.FromSeconds(5) };
        parity ??= new HttpParityVerdictSource(client, new Uri(options.Fork[0], HttpParityVerdictSource.DefaultPath), options.ParityCredential);
        var monitor = new ForkTrafficMonitor();
        ICutoverGate[] gates =
        [
            new ParityGate(parity),
            new ForkTrafficGate(monitor, options.Gates, ForkTrafficGate.Measure.ErrorRate),
            new ForkTrafficGate(monitor, options.Gates, ForkTrafficGate.Measure.P99Latency),
        ];
        var controller = new CutoverController(plan, options.StatePath, gates, options.Controller, time, audit, loggers.CreateLogger<CutoverController>());
        var handoff = options.HandoffToken is { } token
            ? new SessionHandoffCoordinator(new SessionHandoffClient(client, options.Source[0], options.Fork[0], token), loggers.CreateLogger<SessionHandoffCoordinator>())
            : null;
        return new CutoverGateway(options, geo, controller, monitor, handoff, time, client, egress);
    }

    /// <summary>The handler of the gateway's own calls (parity verdict polls, session handoff), guarded when there is a guard.</summary>
    private static HttpMessageHandler OwnHandler(EgressGuard? egress)
    {
        static void Configure(SocketsHttpHandler handler) => handler.PooledConnectionLifetime = TimeSpan.FromMinutes(5);
        if (egress is not null)
        {
            return egress.CreateHandler(Configure);
        }

        var plain = new SocketsHttpHandler { UseProxy = false };
        Configure(plain);
        return plain;
    }

    public void Dispose()
    {
        Controller.StateChanged -= Router.Update;
        Controller.Dispose();
        Geo.Dispose();
        _ownedClient?.Dispose();
    }
}
