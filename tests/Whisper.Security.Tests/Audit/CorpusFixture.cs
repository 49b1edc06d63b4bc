using Whisper.Security.Audit;
using Whisper.Security.Audit.Allowlist;
using Whisper.Security.Audit.Corpus;
using Whisper.Security.Audit.Rules;

namespace Whisper.Security.Tests.Audit;

/// <summary>The seeded corpus, written and scanned once per test class (about 0.3 s) with the default rules and the sample allowlist.</summary>
public sealed class CorpusFixture : IDisposable
{
    private readonly AuditTestFolder folder = new();

    public CorpusFixture()
    {
        Corpus = AuditCorpus.Write(folder.Path);
        Allowlist = RegionAllowlist.Parse(AuditCorpus.SampleAllowlist, "sample allowlist");
        Report = new AuditScanner(AuditRules.Default, Allowlist) { Parallelism = 2 }.Scan(folder.Path);
    }

    public AuditCorpus Corpus { get; }

    public RegionAllowlist Allowlist { get; }

    public AuditReport Report { get; }

    public string Root => folder.Path;

    public void Dispose() => folder.Dispose();
}
