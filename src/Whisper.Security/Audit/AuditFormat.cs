namespace Whisper.Security.Audit;

/// <summary>How <c>whisper audit</c> writes its report: SARIF 2.1.0 (default, for CI and code-scanning tools) or text lines.</summary>
public enum AuditFormat
{
    Sarif,
    Text,
}
