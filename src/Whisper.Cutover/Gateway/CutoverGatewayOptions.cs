using System.Net;

using Whisper.Cutover.Control;
using Whisper.Cutover.Gates;
using Whisper.Cutover.Geo;
using Whisper.Security.Egress;

namespace Whisper.Cutover.Gateway;

/// <summary>How a gateway replica is set up (docs/cutover.md, "Running the gateway").</summary>
public sealed record CutoverGatewayOptions
{
    /// <summary>Base URLs of the original service (YARP cluster "source").</summary>
    public required IReadOnlyList<Uri> Source { get; init; }

    /// <summary>Base URLs of the new region (YARP cluster "fork").</summary>
    public required IReadOnlyList<Uri> Fork { get; init; }

    public required string PlanPath { get; init; }

    public required string StatePath { get; init; }

    /// <summary>Folder of the two geo range files (default: geoip/ beside the binary).</summary>
    public string GeoDirectory { get; init; } = GeoDatabase.DefaultDirectory;

    /// <summary>Reload the geo files when they change on disk.</summary>
    public bool WatchGeoFiles { get; init; } = true;

    /// <summary>Peers whose <c>X-Forwarded-For</c> is believed (load balancers in front of the gateway). Empty: the connection's peer is the client.</summary>
    public IReadOnlyList<IPNetwork> TrustedProxies { get; init; } = [];

    /// <summary>Bearer credential (a viewer API key or JWT) for the fork's <c>GET /v1/parity/verdict</c>; null sends none.</summary>
    public string? ParityCredential { get; init; }

    /// <summary>Shared with both regions' handoff endpoints; null turns the session handoff off.</summary>
    public string? HandoffToken { get; init; }

    /// <summary>
    /// The region's egress allowlist (docs/security/egress-guard.md); when set, the proxied requests to both clusters and
    /// the gateway's own calls (parity verdict, session handoff) connect only through its guard. Null: no guard.
    /// </summary>
    public EgressAllowlist? Allowlist { get; init; }

    /// <summary>This replica runs the gate loop and writes the state; exactly one replica per plan should.</summary>
    public bool RunController { get; init; } = true;

    /// <summary>How often a replica that does not run the controller re-reads the state file.</summary>
    public TimeSpan StateRefresh { get; init; } = TimeSpan.FromSeconds(2);

    public CutoverControllerOptions Controller { get; init; } = new();

    public TrafficGateOptions Gates { get; init; } = new();
}
