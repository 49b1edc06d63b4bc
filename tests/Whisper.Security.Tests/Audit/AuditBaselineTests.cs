using Whisper.Security.Audit;
using Whisper.Security.Audit.Baseline;

namespace Whisper.Security.Tests.Audit;

public sealed class AuditBaselineTests
{
    private const string Code = "var a = \"https://api.tracker.cn/v1\";\nvar b = \"185.199.108.153\";\n";

    [Fact]
    public void Execute_WithWrittenBaseline_SuppressesKnownFindingsOnly()
    {
        using var folder = new AuditTestFolder();
        var tree = Path.Combine(folder.Path, "tree");
        folder.Write("tree/a.cs", Code);
        var allowlist = folder.Write("us.json", Whisper.Security.Audit.Corpus.AuditCorpus.SampleAllowlist);
        var baseline = folder.File("baseline.json");

        var first = AuditRun.Execute(new AuditOptions { Path = tree, AllowlistPath = allowlist, WriteBaselinePath = baseline }, TextWriter.Null);
        folder.Write("tree/a.cs", "// a new first line moves everything down\n" + Code + "var c = \"cdn.tracker.ru\";\n");
        var second = AuditRun.Execute(new AuditOptions { Path = tree, AllowlistPath = allowlist, BaselinePath = baseline }, TextWriter.Null);

        Assert.False(first.Failed); // writing a baseline accepts what it writes
        Assert.Equal(2, first.Report.Findings.Count);
        Assert.Equal(3, second.Report.Findings.Count);
        Assert.Equal(2, second.Report.SuppressedCount);
        var fresh = Assert.Single(second.Report.Findings, f => !f.Suppressed);
        Assert.Contains("cdn.tracker.ru", fresh.Message, StringComparison.Ordinal);
        Assert.True(second.Failed);
    }

    [Fact]
    public void Assign_SameEvidenceTwiceInAFile_GivesDistinctFingerprints()
    {
        var finding = new AuditFinding("WSA0101", AuditLevel.Warning, "m", "a.cs", 1, 1, 1, 2, "https://api.tracker.cn");

        var fingerprints = AuditFingerprint.Assign([finding, finding with { Line = 9 }, finding with { Path = "b.cs" }]);

        Assert.Equal(3, fingerprints.Select(f => f.Fingerprint).Distinct().Count());
        Assert.Equal(fingerprints[0].Fingerprint, AuditFingerprint.Assign([finding with { Line = 50 }])[0].Fingerprint);
    }

    [Fact]
    public void Load_BrokenBaseline_ListsProblems()
    {
        using var folder = new AuditTestFolder();
        var path = folder.Write("b.json", """{ "format": "whisper-audit-baseline", "version": 1, "findings": [ { "fingerprint": "XYZ" }, { "ruleId": "WSA0101" } ] }""");

        var problems = Assert.Throws<AuditInputException>(() => AuditBaseline.Load(path)).Problems;

        Assert.Contains(problems, p => p.Contains("findings[0].fingerprint", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("findings[1].fingerprint", StringComparison.Ordinal));
    }

    [Fact]
    public void Execute_BadInputs_ReportsAllProblemsTogether()
    {
        using var folder = new AuditTestFolder();
        var rules = folder.Write("rules.json", "{ not json");
        var allowlist = folder.Write("us.json", """{ "region": "us" }""");

        var error = Assert.Throws<AuditInputException>(() => AuditRun.Execute(
            new AuditOptions { Path = folder.File("missing"), AllowlistPath = allowlist, RulesPath = rules, BaselinePath = folder.File("nope.json") },
            TextWriter.Null));

        Assert.Equal(4, error.Problems.Count);
    }
}
