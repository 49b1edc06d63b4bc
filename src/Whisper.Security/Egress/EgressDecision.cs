using System.Net;

namespace Whisper.Security.Egress;

/// <summary>
/// The guard's answer for one destination. When <see cref="Allowed"/>, <see cref="Addresses"/> are exactly the
/// addresses that were checked and the only ones a connection may use (no second DNS lookup: no rebinding window).
/// </summary>
public sealed record EgressDecision
{
    /// <summary>The host as normalised for matching (lower-case, no trailing dot, IPv6 without brackets).</summary>
    public required string Host { get; init; }

    public required int Port { get; init; }

    public required EgressReason Reason { get; init; }

    public bool Allowed => Reason is EgressReason.AddressInAllowedCidr or EgressReason.NameOnAllowlist or EgressReason.ResolvedInAllowedCidrs;

    /// <summary>The addresses that were checked: the IP literal, or what the name resolved to.</summary>
    public IReadOnlyList<IPAddress> Addresses { get; init; } = [];

    /// <summary>The dns entry that allowed the name, when one did.</summary>
    public DnsPattern? MatchedName { get; init; }

    /// <summary>The address that caused a denial, when one did.</summary>
    public IPAddress? DeniedAddress { get; init; }

    /// <summary><c>host:port</c>, with an IPv6 host in brackets: <c>[2001:db8::1]:443</c>.</summary>
    public string Destination => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";

    /// <summary>The reason as a stable lower-case tag for metrics and logs.</summary>
    public string ReasonTag => Reason switch
    {
        EgressReason.AddressInAllowedCidr => "address-allowed",
        EgressReason.NameOnAllowlist => "name-allowed",
        EgressReason.ResolvedInAllowedCidrs => "resolved-allowed",
        EgressReason.AddressNotAllowed => "address-not-allowed",
        EgressReason.ResolvedAddressNotAllowed => "resolved-address-not-allowed",
        EgressReason.ReservedAddress => "reserved-address",
        EgressReason.InvalidHost => "invalid-host",
        EgressReason.NoAddresses => "no-addresses",
        EgressReason.NotResolved => "not-resolved",
        EgressReason.Http3Unguarded => "http3-unguarded",
        _ => Reason.ToString(),
    };

    /// <summary>One sentence for people: what was decided about which address and why.</summary>
    public string Explain() => Reason switch
    {
        EgressReason.AddressInAllowedCidr => $"address {Host} is inside an allowed CIDR",
        EgressReason.NameOnAllowlist => $"{Host} matches dns entry '{MatchedName}'" + AddressList(),
        EgressReason.ResolvedInAllowedCidrs => $"{Host} is not on the dns list but every address it resolves to is inside an allowed CIDR" + AddressList(),
        EgressReason.AddressNotAllowed => $"address {Host} is outside every allowed CIDR",
        EgressReason.ResolvedAddressNotAllowed => $"{Host} is not on the dns list and resolves to {DeniedAddress}, outside every allowed CIDR",
        EgressReason.ReservedAddress => $"{Host} matches dns entry '{MatchedName}' but resolves to {DeniedAddress}, an unspecified, link-local, multicast or broadcast address that no CIDR names",
        EgressReason.InvalidHost => $"'{Host}' is neither an IP address nor a valid DNS name",
        EgressReason.NoAddresses => $"{Host} resolves to no address",
        EgressReason.NotResolved => $"{Host} is not on the dns list; it would be allowed only if every address it resolves to were inside an allowed CIDR (not resolved)",
        EgressReason.Http3Unguarded => $"the request to {Host} demands HTTP/3, whose QUIC connections bypass the egress guard",
        _ => ReasonTag,
    };

    private string AddressList() => Addresses.Count == 0 ? "" : $" ({string.Join(", ", Addresses)})";
}
