namespace Whisper.Security.Audit;

/// <summary>One audit run as the CLI asks for it; see <see cref="AuditRun"/>.</summary>
public sealed record AuditOptions
{
    /// <summary>The source tree (or one file) to scan.</summary>
    public required string Path { get; init; }

    /// <summary>The region allowlist (docs/security/allowlist.md).</summary>
    public required string AllowlistPath { get; init; }

    /// <summary>A rules file; null for the built-in <c>rules/audit-rules.json</c>.</summary>
    public string? RulesPath { get; init; }

    /// <summary>Findings listed here are reported as suppressed and do not fail the run.</summary>
    public string? BaselinePath { get; init; }

    /// <summary>Write every finding of this run here as the new baseline; the run then exits 0.</summary>
    public string? WriteBaselinePath { get; init; }

    /// <summary>The run fails when a finding not in the baseline has at least this level.</summary>
    public AuditLevel FailOn { get; init; } = AuditLevel.Warning;

    public AuditFormat Format { get; init; } = AuditFormat.Sarif;

    /// <summary>Write the report here instead of to standard output.</summary>
    public string? OutPath { get; init; }

    public int Parallelism { get; init; } = Environment.ProcessorCount;
}
