namespace Whisper.Security.Audit.Corpus;

/// <summary>A finding the corpus plants on purpose: the rule that must report it, where (a 1-based line, or for an assembly the method), and why.</summary>
public sealed record PlantedFinding(string Path, int Line, string RuleId, string Note)
{
    /// <summary>For assemblies: the <c>Namespace.Type.Method</c> the finding's logical location names.</summary>
    public string? Method { get; init; }

    public bool Matches(AuditFinding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        return finding.RuleId == RuleId && finding.Path == Path
            && (Method is null ? finding.Line == Line : finding.LogicalLocation == Method);
    }
}
