using System.Text;

using Whisper.Security.Audit;
using Whisper.Security.Audit.Rules;

namespace Whisper.Security.Tests.Audit;

public sealed class AssemblyScannerTests(CorpusFixture fixture) : IClassFixture<CorpusFixture>
{
    [Fact]
    public void Scan_CorpusAssembly_PointsAtTheUserStringAndTheMethod()
    {
        var finding = Assert.Single(fixture.Report.Findings, f => f.LogicalLocation == "Corpus.Agent.Endpoints");
        var image = File.ReadAllBytes(Path.Combine(fixture.Root, "bin", "Corpus.Agent.dll"));

        var text = Encoding.Unicode.GetString(image, (int)finding.ByteOffset, finding.ByteLength);

        Assert.Equal("cdn.farsync.ru", text);
        Assert.Equal("bin/Corpus.Agent.dll", finding.Path);
        Assert.Equal(0, finding.Line);
    }

    [Fact]
    public void Scan_CallToHttpClient_IsADataCollectionCallNamedAfterTheCaller()
    {
        var finding = Assert.Single(fixture.Report.Findings, f => f.LogicalLocation == "Corpus.Agent.Collect");

        Assert.Equal("WSA0102", finding.RuleId);
        Assert.Contains("https://upload.farsync.ru/batch", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Scan_NotAManagedAssembly_IsSkippedWithANote()
    {
        using var folder = new AuditTestFolder();
        folder.Write("native.dll", "MZ this is not a PE image at all");
        File.WriteAllBytes(folder.File("empty.exe"), []);

        var report = new AuditScanner(AuditRules.Default, ScanOne.Allowlist).Scan(folder.Path);

        Assert.Empty(report.Findings);
        Assert.Equal(2, report.Notifications.Count);
        Assert.All(report.Notifications, n => Assert.StartsWith("skipped:", n.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Scan_OwnAssembly_ReadsEveryMethodBodyWithoutError()
    {
        using var folder = new AuditTestFolder();
        File.Copy(typeof(AuditScanner).Assembly.Location, folder.File("Whisper.Security.dll"));

        var report = new AuditScanner(AuditRules.Default, ScanOne.Allowlist).Scan(folder.Path);

        Assert.Empty(report.Notifications);
        Assert.All(report.Findings, f => Assert.NotNull(f.LogicalLocation));
    }
}
