namespace Whisper.Security.Tls;

/// <summary>
/// The answer of <see cref="MutualTlsPolicy.Validate"/>: the outcome, a one-line reason fit for logs (names, dates,
/// serials; never key material) and the service name the certificate carries (its CN) when there was one.
/// </summary>
public readonly record struct MutualTlsVerdict(MutualTlsOutcome Outcome, string Reason, string? ServiceName)
{
    public bool Accepted => Outcome == MutualTlsOutcome.Accepted;
}
