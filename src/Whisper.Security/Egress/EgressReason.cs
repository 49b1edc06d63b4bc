namespace Whisper.Security.Egress;

/// <summary>Why the egress guard allowed or denied a destination. The metric and log tag of each is in <see cref="EgressDecision.ReasonTag"/>.</summary>
public enum EgressReason
{
    /// <summary>Allowed: an IP literal inside an allowed CIDR. Tag <c>address-allowed</c>.</summary>
    AddressInAllowedCidr,

    /// <summary>Allowed: the name matches the dns list (its addresses need not be in the CIDRs). Tag <c>name-allowed</c>.</summary>
    NameOnAllowlist,

    /// <summary>Allowed: a name not on the dns list, every resolved address inside an allowed CIDR. Tag <c>resolved-allowed</c>.</summary>
    ResolvedInAllowedCidrs,

    /// <summary>Denied: an IP literal outside every allowed CIDR. Tag <c>address-not-allowed</c>.</summary>
    AddressNotAllowed,

    /// <summary>Denied: a name not on the dns list with a resolved address outside every CIDR. Tag <c>resolved-address-not-allowed</c>.</summary>
    ResolvedAddressNotAllowed,

    /// <summary>Denied: a listed name resolved to an unspecified, link-local (cloud metadata), multicast or broadcast address no CIDR names. Tag <c>reserved-address</c>.</summary>
    ReservedAddress,

    /// <summary>Denied: neither an IP address nor a valid DNS name. Tag <c>invalid-host</c>.</summary>
    InvalidHost,

    /// <summary>Denied: the name resolved to no address. Tag <c>no-addresses</c>.</summary>
    NoAddresses,

    /// <summary>Denied: a name not on the dns list that was not resolved (only from <see cref="EgressGuard.Evaluate"/> without addresses). Tag <c>not-resolved</c>.</summary>
    NotResolved,

    /// <summary>Denied: the request demanded HTTP/3, whose QUIC connections do not pass the guard's connect callback. Tag <c>http3-unguarded</c>.</summary>
    Http3Unguarded,
}
