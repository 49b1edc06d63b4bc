namespace Whisper.Security.Tls;

/// <summary>How <see cref="CertificateAuthority.Init"/> creates a CA.</summary>
public sealed record CertificateAuthorityOptions
{
    /// <summary>Five years: long enough that rotating the CA is a planned event, short enough that its key is not forever.</summary>
    public const int DefaultDays = 5 * 365;

    /// <summary>The longest CA validity accepted (20 years).</summary>
    public const int MaxDays = 20 * 365;

    /// <summary>The CA's subject common name, shown by tools that print the chain.</summary>
    public string CommonName { get; init; } = "Whisper local CA";

    /// <summary>Days from now until the CA expires; certificates it issues never outlive it.</summary>
    public int Days { get; init; } = DefaultDays;

    public CertificateKeyCurve Curve { get; init; } = CertificateKeyCurve.P256;
}
