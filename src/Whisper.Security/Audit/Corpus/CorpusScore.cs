namespace Whisper.Security.Audit.Corpus;

/// <summary>How a scan did on the seeded corpus: recall (found / planted) and false positives (reported, not planted).</summary>
public sealed record CorpusScore(
    int Planted,
    int Found,
    int FalsePositives,
    int CleanLookalikes,
    int FalsePositivesOnLookalikes,
    int Rules,
    int Languages,
    IReadOnlyList<PlantedFinding> Missed,
    IReadOnlyList<AuditFinding> Unexpected)
{
    public double Recall => Planted == 0 ? 1 : (double)Found / Planted;

    /// <summary>Every miss and false positive, one per line, for a failing test's message.</summary>
    public string Explain() => string.Join(
        Environment.NewLine,
        Missed.Select(m => $"missed {m.RuleId} at {m.Path}:{(m.Method ?? m.Line.ToString(System.Globalization.CultureInfo.InvariantCulture))} ({m.Note})")
            .Concat(Unexpected.Select(f => $"false positive {f.RuleId} at {f.Path}:{(f.LogicalLocation ?? f.Line.ToString(System.Globalization.CultureInfo.InvariantCulture))}: {f.Message}")));
}
