using System.Net;

namespace Whisper.Security.Audit.Allowlist;

/// <summary>
/// The endpoints a sovereign region may talk to: DNS names and suffixes plus CIDR blocks, read from a small JSON file
/// (<c>allowlists/us.json</c>; format in docs/security/allowlist.md). The audit scanner reports hard-coded endpoints
/// outside it; the egress guard enforces the same file on outbound connections.
/// </summary>
public sealed partial class RegionAllowlist
{
    /// <summary>The only format version this build reads.</summary>
    public const int CurrentVersion = 1;

    private RegionAllowlist(string source, string region, HostPatternSet dns, CidrSet cidrs)
    {
        Source = source;
        Region = region;
        Dns = dns;
        Cidrs = cidrs;
    }

    /// <summary>The path or name it was read from.</summary>
    public string Source { get; }

    /// <summary>The region code, e.g. <c>us</c>.</summary>
    public string Region { get; }

    public HostPatternSet Dns { get; }

    public CidrSet Cidrs { get; }

    public bool IsAllowed(ReadOnlySpan<char> host) => Dns.Matches(host);

    public bool IsAllowed(IPAddress address) => Cidrs.Contains(address);
}
