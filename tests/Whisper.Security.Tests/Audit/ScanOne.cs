using Whisper.Security.Audit;
using Whisper.Security.Audit.Allowlist;
using Whisper.Security.Audit.Corpus;
using Whisper.Security.Audit.Rules;

namespace Whisper.Security.Tests.Audit;

/// <summary>Scans one file of the given name and content with the default rules and the sample allowlist.</summary>
internal static class ScanOne
{
    public static readonly RegionAllowlist Allowlist = RegionAllowlist.Parse(AuditCorpus.SampleAllowlist, "sample");

    public static IReadOnlyList<AuditFinding> Findings(string fileName, string content, AuditRules? rules = null)
    {
        using var folder = new AuditTestFolder();
        folder.Write(fileName, content);
        return new AuditScanner(rules ?? AuditRules.Default, Allowlist) { Parallelism = 1 }.Scan(folder.Path).Findings;
    }

    public static string Rules(string fileName, string content) =>
        string.Join(",", Findings(fileName, content).Select(f => $"{f.RuleId}@{f.Line}"));
}
