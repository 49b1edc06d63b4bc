using System.Text.Json;

using Whisper.Security.Compliance;
using Whisper.Security.Compliance.Catalog;
using Whisper.Security.Compliance.Evidence;
using Whisper.Security.Compliance.Probes;
using Whisper.Security.Compliance.Reporting;

namespace Whisper.Security.Tests.Compliance;

public sealed class ComplianceEvaluatorTests : IDisposable
{
    private const string File = """{ "kind": "file", "path": "present.txt" }""";
    private const string Absent = """{ "kind": "file", "path": "absent.txt" }""";
    private const string Failing = """{ "kind": "probe", "probe": "always-fails" }""";
    private const string NeedsInput = """{ "kind": "probe", "probe": "tlog-verifies" }""";

    private readonly ComplianceFolder _root = new();
    private readonly ProbeRegistry _probes = new([.. ProbeRegistry.Default.Names.Select(n => ProbeRegistry.Default.Find(n)!), new AlwaysFails()]);

    public ComplianceEvaluatorTests() => _root.Write("present.txt", "evidence");

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task Evaluate_Statuses_FollowEvidenceAndBlockingGaps()
    {
        var report = await EvaluateAsync(
            CatalogJson.Control("AC-1", [File]),
            CatalogJson.Control("AC-2", [File], """[{ "text": "residual risk" }]"""),
            CatalogJson.Control("AC-3", [File], """[{ "text": "not met yet", "blocking": true }]"""),
            CatalogJson.Control("AC-4", [File, Absent]),
            CatalogJson.Control("AC-5", [File, Failing]),
            CatalogJson.Control("AC-6", [File, NeedsInput]),
            CatalogJson.Control("AC-7", [Absent]),
            CatalogJson.Control("AC-8", [NeedsInput]),
            CatalogJson.Control("AC-9", [], """[{ "text": "nothing yet", "blocking": true }]"""));

        Assert.Equal(
            [
                ("AC-1", ControlStatus.Implemented, false),
                ("AC-2", ControlStatus.Implemented, false),
                ("AC-3", ControlStatus.Partial, false),
                ("AC-4", ControlStatus.Partial, true),
                ("AC-5", ControlStatus.Partial, true),
                ("AC-6", ControlStatus.Partial, false),
                ("AC-7", ControlStatus.Gap, true),
                ("AC-8", ControlStatus.Gap, false),
                ("AC-9", ControlStatus.Gap, false),
            ],
            report.Controls.Select(c => (c.Control.Id, c.Status, c.HasDrift)));
        Assert.True(report.HasDrift);
        Assert.Equal((6, 1, 2, 2), (report.Count(EvidenceStatus.Pass), report.Count(EvidenceStatus.Fail), report.Count(EvidenceStatus.Missing), report.Count(EvidenceStatus.NotRun)));
    }

    [Fact]
    public async Task Evaluate_ProbeFails_ControlPartialAndTheReasonReported()
    {
        var report = await EvaluateAsync(CatalogJson.Control("SI-4", [File, Failing]));

        var control = Assert.Single(report.Controls);
        Assert.Equal(ControlStatus.Partial, control.Status);
        Assert.Equal((EvidenceStatus.Fail, "the probe stopped with InvalidOperationException: planted failure"), (control.Evidence[1].Result.Status, control.Evidence[1].Result.Detail));
        Assert.True(report.HasDrift);
    }

    [Fact]
    public async Task JsonReport_HoldsEveryControlEvidenceAndGap()
    {
        var report = await EvaluateAsync(
            CatalogJson.Control("SC-7", [File, Absent], """[{ "text": "no DNS-aware policy" }]"""),
            CatalogJson.Control("SC-8", [], """[{ "text": "plain HTTP", "blocking": true }]"""));

        using var buffer = new MemoryStream();
        ComplianceJsonReport.Write(report, buffer);
        using var json = JsonDocument.Parse(buffer.ToArray());

        var root = json.RootElement;
        Assert.Equal(("whisper-compliance-report", 1), (root.GetProperty("format").GetString(), root.GetProperty("formatVersion").GetInt32()));
        Assert.Equal(report.Catalog.Sha256, root.GetProperty("catalog").GetProperty("sha256").GetString());
        Assert.True(root.GetProperty("summary").GetProperty("drift").GetBoolean());
        Assert.Equal((1, 1, 1), (root.GetProperty("summary").GetProperty("partial").GetInt32(), root.GetProperty("summary").GetProperty("gap").GetInt32(), root.GetProperty("summary").GetProperty("evidence").GetProperty("missing").GetInt32()));
        var controls = root.GetProperty("controls").EnumerateArray().ToList();
        Assert.Equal(["SC-7", "SC-8"], controls.Select(c => c.GetProperty("id").GetString()));
        var evidence = controls[0].GetProperty("evidence").EnumerateArray().ToList();
        Assert.Equal(["pass", "missing"], evidence.Select(e => e.GetProperty("status").GetString()));
        Assert.Equal(64, evidence[0].GetProperty("sha256").GetString()!.Length);
        Assert.False(evidence[1].TryGetProperty("sha256", out _));
        Assert.True(controls[1].GetProperty("gaps")[0].GetProperty("blocking").GetBoolean());
    }

    [Fact]
    public async Task MarkdownReport_HasASummaryRowAndASectionPerControl()
    {
        var report = await EvaluateAsync(
            CatalogJson.Control("SC-7", [File, Absent], """[{ "text": "no DNS-aware policy" }]"""),
            CatalogJson.Control("SC-8", [], """[{ "text": "plain HTTP", "blocking": true }]"""));

        using var writer = new StringWriter();
        ComplianceMarkdownReport.Write(report, writer);
        var markdown = writer.ToString();

        Assert.Contains("| SC-7 | Title of SC-7 | partial | 1/2 | 1 (0) |", markdown, StringComparison.Ordinal);
        Assert.Contains("| SC-8 | Title of SC-8 | gap | 0/0 | 1 (1) |", markdown, StringComparison.Ordinal);
        Assert.Contains("## SC-7 Title of SC-7\n", markdown, StringComparison.Ordinal);
        Assert.Contains("## SC-8 Title of SC-8\n", markdown, StringComparison.Ordinal);
        Assert.Contains("| file | `absent.txt` | **missing** | absent.txt does not exist |", markdown, StringComparison.Ordinal);
        Assert.Contains("- **Blocking.** plain HTTP", markdown, StringComparison.Ordinal);
        Assert.Contains("**Drift", markdown, StringComparison.Ordinal);
        Assert.True(markdown.IndexOf("| SC-8 |", StringComparison.Ordinal) < markdown.IndexOf("## SC-7", StringComparison.Ordinal), "the summary table comes before the sections");
    }

    private async Task<ComplianceReport> EvaluateAsync(params string[] controls)
    {
        var catalog = ComplianceCatalog.Parse(CatalogJson.With(controls), "test.json", _probes);
        return await ComplianceEvaluator.EvaluateAsync(catalog, _root.Context(probes: _probes));
    }

    /// <summary>A probe that throws, as a broken probe would: the evaluation must report it, not stop.</summary>
    private sealed class AlwaysFails : IComplianceProbe
    {
        public string Name => "always-fails";

        public string Summary => "Fails.";

        public void Validate(ProbeParameters parameters) => parameters.Known();

        public ValueTask<EvidenceResult> RunAsync(ProbeParameters parameters, EvidenceContext context, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("planted failure");
    }
}
