namespace Whisper.Security.Tls;

/// <summary>Why <see cref="MutualTlsPolicy"/> accepted or refused a peer's certificate.</summary>
public enum MutualTlsOutcome
{
    Accepted,

    /// <summary>The peer sent no certificate.</summary>
    NoCertificate,

    /// <summary>Outside its notBefore..notAfter window at the time of the check.</summary>
    NotTimeValid,

    /// <summary>Does not chain to this CA (another CA, self-signed, or an intermediate the policy does not allow).</summary>
    UntrustedIssuer,

    /// <summary>Chains to this CA but the chain is otherwise invalid (e.g. the CA itself expired, a bad signature).</summary>
    InvalidChain,

    /// <summary>Lacks the extended key usage for the role the peer plays (clientAuth for clients, serverAuth for servers).</summary>
    WrongUsage,

    /// <summary>A valid certificate for a service that is not on the allowed list.</summary>
    NameNotAllowed,
}
