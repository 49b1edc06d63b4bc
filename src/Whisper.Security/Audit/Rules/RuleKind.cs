namespace Whisper.Security.Audit.Rules;

/// <summary>Which detector a rule drives; wire names in parentheses (the rules file's <c>kind</c>).</summary>
public enum RuleKind
{
    /// <summary>(<c>endpoint</c>) a host name, URL, IPv4 or IPv6 literal outside the region allowlist.</summary>
    Endpoint,

    /// <summary>(<c>endpoint-call</c>) an HTTP or socket call whose target is such an endpoint.</summary>
    EndpointCall,

    /// <summary>(<c>obfuscated-endpoint</c>) a base64 or hex blob that decodes to such an endpoint.</summary>
    ObfuscatedEndpoint,

    /// <summary>(<c>secret-assignment</c>) a high-entropy literal assigned to a password/secret/token name.</summary>
    SecretAssignment,

    /// <summary>(<c>pattern</c>) a regular expression, found through literal keywords, optionally a called member in IL.</summary>
    Pattern,
}
