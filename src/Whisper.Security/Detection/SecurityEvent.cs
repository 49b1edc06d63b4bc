using System.Text.Json.Serialization;

namespace Whisper.Security.Detection;

/// <summary>What a security event records. Values appear in log files: never rename.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SecurityEventKind>))]
public enum SecurityEventKind
{
    /// <summary>An API request: who read or wrote what, from where, how many rows.</summary>
    [JsonStringEnumMemberName("access")]
    Access,

    /// <summary>A privileged action (key created, export started, cutover advanced).</summary>
    [JsonStringEnumMemberName("audit")]
    Audit,

    /// <summary>An outbound connection attempt, allowed or denied by the egress guard.</summary>
    [JsonStringEnumMemberName("egress")]
    Egress,
}

/// <summary>
/// One line of the access, audit or egress logs the detector reads (JSON lines; format in
/// docs/security/intrusion-detection.md). Fields a kind does not use are left at their defaults.
/// </summary>
/// <param name="Time">When it happened (UTC).</param>
/// <param name="Kind">Which log it comes from.</param>
/// <param name="Identity">The API key id, user or service that acted.</param>
/// <param name="SourceIp">Where the request came from (access, audit).</param>
/// <param name="Country">ISO country of <paramref name="SourceIp"/> when the gateway resolved it, else empty.</param>
/// <param name="Action">Endpoint or action name, e.g. <c>GET /v1/events</c>, <c>fork.export</c>.</param>
/// <param name="Rows">Rows read or written by the request.</param>
/// <param name="Destination">Egress: host the connection went (or tried to go) to.</param>
/// <param name="Allowed">Egress: whether the guard let it through.</param>
public sealed record SecurityEvent(
    DateTimeOffset Time,
    SecurityEventKind Kind,
    string Identity,
    string SourceIp = "",
    string Country = "",
    string Action = "",
    long Rows = 0,
    string Destination = "",
    bool Allowed = true);
