using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Whisper.Security.Egress;

/// <summary>
/// Enforces a region's <see cref="EgressAllowlist"/> on outbound connections (docs/security/egress-guard.md):
/// <list type="bullet">
/// <item>an IP literal is allowed when it is inside an allowed CIDR;</item>
/// <item>a name is resolved once; when it matches the dns list every address is allowed except unspecified,
/// link-local (cloud metadata), multicast and broadcast ones no CIDR names; otherwise <em>every</em> address
/// must be inside an allowed CIDR;</item>
/// <item>an allowed connection goes to exactly the addresses checked (no second lookup, so no DNS rebinding window);
/// a denied one never gets a socket, is logged (host, port, reason) and counted (<c>whisper.egress.denied</c>).</item>
/// </list>
/// Plug it into HTTP with <see cref="ConnectCallback"/>, <see cref="CreateHandler"/> or <c>services.AddEgressGuard(allowlist)</c>.
/// </summary>
public sealed partial class EgressGuard
{
    private const int MaxPort = 65535;

    // Never a legitimate destination for a listed name unless a CIDR names it: 169.254.169.254 is every cloud's metadata service.
    private static readonly IPNetwork[] Reserved =
    [
        IPNetwork.Parse("0.0.0.0/8"),
        IPNetwork.Parse("169.254.0.0/16"),
        IPNetwork.Parse("224.0.0.0/4"),
        IPNetwork.Parse("240.0.0.0/4"),
        IPNetwork.Parse("::/128"),
        IPNetwork.Parse("fe80::/10"),
        IPNetwork.Parse("ff00::/8"),
    ];

    private readonly ILogger _logger;
    private readonly IHostResolver _resolver;
    private readonly EgressMetrics _metrics;

    public EgressGuard(EgressAllowlist allowlist, ILogger<EgressGuard>? logger = null, IHostResolver? resolver = null, IMeterFactory? meterFactory = null)
    {
        ArgumentNullException.ThrowIfNull(allowlist);
        Allowlist = allowlist;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _resolver = resolver ?? new SystemHostResolver();
        _metrics = new EgressMetrics(meterFactory);
        ConnectCallback = ConnectAsync;
    }

    public EgressAllowlist Allowlist { get; }

    /// <summary>The <see cref="SocketsHttpHandler.ConnectCallback"/> that enforces the allowlist (one instance, so a handler can be recognised as guarded).</summary>
    public Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> ConnectCallback { get; }

    /// <summary>
    /// The decision for <paramref name="host"/>, given the addresses a name resolved to (null: not resolved, which
    /// decides listed names by name alone and reports others as <see cref="EgressReason.NotResolved"/>). Pure: no DNS, no log, no metric.
    /// </summary>
    public EgressDecision Evaluate(string host, int port, IReadOnlyList<IPAddress>? resolvedAddresses = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, MaxPort);
        if (!EgressHost.TryParse(host, out var literal, out var name))
        {
            return new EgressDecision { Host = Printable(host), Port = port, Reason = EgressReason.InvalidHost };
        }

        if (literal is not null)
        {
            var inside = Allowlist.FindNetwork(literal) is not null;
            return new EgressDecision
            {
                Host = name,
                Port = port,
                Reason = inside ? EgressReason.AddressInAllowedCidr : EgressReason.AddressNotAllowed,
                Addresses = [literal],
                DeniedAddress = inside ? null : literal,
            };
        }

        var pattern = Allowlist.FindName(name);
        if (resolvedAddresses is null)
        {
            return new EgressDecision { Host = name, Port = port, Reason = pattern is null ? EgressReason.NotResolved : EgressReason.NameOnAllowlist, MatchedName = pattern };
        }

        var addresses = resolvedAddresses.Select(EgressHost.Normalize).Distinct().ToArray();
        if (addresses.Length == 0)
        {
            return new EgressDecision { Host = name, Port = port, Reason = EgressReason.NoAddresses, MatchedName = pattern };
        }

        foreach (var address in addresses)
        {
            if (Allowlist.FindNetwork(address) is not null)
            {
                continue;
            }

            if (pattern is null || IsReserved(address))
            {
                var reason = pattern is null ? EgressReason.ResolvedAddressNotAllowed : EgressReason.ReservedAddress;
                return new EgressDecision { Host = name, Port = port, Reason = reason, Addresses = addresses, MatchedName = pattern, DeniedAddress = address };
            }
        }

        return new EgressDecision
        {
            Host = name,
            Port = port,
            Reason = pattern is null ? EgressReason.ResolvedInAllowedCidrs : EgressReason.NameOnAllowlist,
            Addresses = addresses,
            MatchedName = pattern,
        };
    }

    /// <summary>The decision for <paramref name="host"/>, resolving a name with the guard's resolver. No log, no metric.</summary>
    public async ValueTask<EgressDecision> EvaluateAsync(string host, int port, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (!EgressHost.TryParse(host, out var literal, out var name) || literal is not null)
        {
            return Evaluate(host, port);
        }

        var resolved = await _resolver.ResolveAsync(name, cancellationToken).ConfigureAwait(false);
        return Evaluate(name, port, resolved);
    }

    /// <summary>
    /// Decides, logs and counts, then either throws <see cref="EgressDeniedException"/> without creating a socket or
    /// connects a TCP socket to the checked addresses only. DNS failures surface as the resolver's <see cref="SocketException"/>.
    /// </summary>
    public async ValueTask<Stream> ConnectAsync(string host, int port, CancellationToken cancellationToken)
    {
        var decision = await EvaluateAsync(host, port, cancellationToken).ConfigureAwait(false);
        Record(decision);
        if (!decision.Allowed)
        {
            throw new EgressDeniedException(decision, Allowlist.Region);
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync([.. decision.Addresses], port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken) =>
        ConnectAsync(context.DnsEndPoint.Host, context.DnsEndPoint.Port, cancellationToken);

    /// <summary>Logs and counts a decision (what <see cref="ConnectAsync(string, int, CancellationToken)"/> does for every connection).</summary>
    internal void Record(EgressDecision decision)
    {
        var telemetry = decision.Reason == EgressReason.InvalidHost ? decision with { Host = "(invalid)" } : decision;
        _metrics.Record(telemetry);
        if (decision.Allowed)
        {
            Log.Allowed(_logger, telemetry.Host, decision.Port, Allowlist.Region, decision.ReasonTag);
        }
        else
        {
            Log.Denied(_logger, telemetry.Host, decision.Port, Allowlist.Region, decision.ReasonTag, decision.DeniedAddress?.ToString() ?? "none");
        }
    }

    private static bool IsReserved(IPAddress address) =>
        address.Equals(IPAddress.Broadcast) || Reserved.Any(n => n.Contains(address));

    // An unparsable host is shown, bounded and printable, in exception messages only; logs and tags say "(invalid)".
    private static string Printable(string host)
    {
        var clean = new string(host.Take(64).Select(c => c is >= ' ' and <= '~' ? c : '?').ToArray());
        return host.Length > 64 ? clean + "…" : clean;
    }
}
