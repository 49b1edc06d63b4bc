namespace Whisper.Security.Audit;

/// <summary>What a run found and whether it fails the build (exit code 1).</summary>
public sealed record AuditOutcome(AuditReport Report, bool Failed);
