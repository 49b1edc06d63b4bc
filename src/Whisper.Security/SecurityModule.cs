namespace Whisper.Security;

/// <summary>
/// The security module's folders: <c>Audit/</c> (code audit scanner, SARIF), <c>Egress/</c> (region allowlist
/// enforced on every outbound connection), <c>Transparency/</c> (RFC 6962 log with signed tree heads),
/// <c>Detection/</c> (intrusion and exfiltration detection).
/// </summary>
public static class SecurityModule
{
    /// <summary>The name used for the module's meter and log categories.</summary>
    public const string Name = "Whisper.Security";
}
