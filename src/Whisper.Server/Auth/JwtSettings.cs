namespace Whisper.Server.Auth;

/// <summary>How the server checks JWT bearer tokens: the region's public key, and the issuer and audience a token must name.</summary>
public sealed record JwtSettings
{
    /// <summary>
    /// PEM file with the ES256 (P-256) verification key: the <c>.pub.pem</c> that <c>whisper keys token</c> writes beside the
    /// signing key (a private key PEM works too; only its public half is used).
    /// </summary>
    public string VerificationKeyPath { get; init; } = "";

    /// <summary>The <c>iss</c> a token must carry.</summary>
    public string Issuer { get; init; } = JwtDefaults.Issuer;

    /// <summary>The <c>aud</c> a token must carry.</summary>
    public string Audience { get; init; } = JwtDefaults.Audience;
}
