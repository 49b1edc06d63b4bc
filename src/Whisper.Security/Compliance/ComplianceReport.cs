using Whisper.Security.Compliance.Catalog;
using Whisper.Security.Compliance.Evidence;

namespace Whisper.Security.Compliance;

/// <summary>A catalog evaluated against a root: every control's status and evidence results (JSON and Markdown in Reporting/).</summary>
/// <param name="Catalog">The catalog used.</param>
/// <param name="Root">Full path of the root the evidence was checked against.</param>
/// <param name="GeneratedAt">When the evaluation ran (UTC).</param>
/// <param name="Controls">Results in catalog order.</param>
public sealed record ComplianceReport(ComplianceCatalog Catalog, string Root, DateTimeOffset GeneratedAt, IReadOnlyList<ControlResult> Controls)
{
    /// <summary>True when any claimed evidence is missing or failed: <c>whisper compliance</c> exits 1.</summary>
    public bool HasDrift => Controls.Any(c => c.HasDrift);

    public int Count(ControlStatus status) => Controls.Count(c => c.Status == status);

    public int Count(EvidenceStatus status) => Controls.Sum(c => c.Count(status));
}
