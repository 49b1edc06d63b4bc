using Whisper.Security.Compliance;
using Whisper.Security.Compliance.Catalog;
using Whisper.Security.Compliance.Evidence;
using Whisper.Security.Compliance.Probes;
using Whisper.Security.Tests.Audit;

namespace Whisper.Security.Tests.Compliance;

/// <summary>
/// Keeps compliance/fedramp-high.json honest as the code moves: evaluated against this repository, every file, doc
/// heading, test and config value it names must be there and every probe that needs no deployment input must pass.
/// A renamed test or heading fails here, naming the control and the item to update.
/// </summary>
public sealed class ShippedCatalogTests
{
    private static readonly string[] IssueControls = ["AC-3", "AC-6", "AU-2", "AU-9", "AU-10", "IA-2", "IA-3", "SC-7", "SC-8", "SC-12", "SC-13", "SC-28", "SI-4", "CM-7"];

    private static readonly Lazy<Task<ComplianceReport>> Report = new(() =>
        ComplianceEvaluator.EvaluateAsync(ComplianceCatalog.Default, new EvidenceContext(RepositoryRoot.Path, ComplianceInputs.None, ProbeRegistry.Default)));

    [Fact]
    public async Task ShippedCatalog_AgainstTheRepository_EveryClaimedItemHolds()
    {
        var report = await Report.Value;

        var drift = report.Controls
            .SelectMany(c => c.Evidence.Where(e => e.Result.IsDrift).Select(e => $"{c.Control.Id} {e.Item.Kind} {e.Item.Target} (catalog line {e.Item.Line}): {e.Result.Detail}"))
            .ToList();
        Assert.True(drift.Count == 0, "update compliance/fedramp-high.json:\n" + string.Join("\n", drift));
    }

    [Fact]
    public async Task ShippedCatalog_AgainstTheRepository_OnlyDeploymentProbesAreNotRun()
    {
        var report = await Report.Value;

        var notRun = report.Controls.SelectMany(c => c.Evidence).Where(e => e.Result.Status == EvidenceStatus.NotRun).Select(e => e.Item.Target).Distinct();
        Assert.Equal(["owner-only-files", "tlog-verifies"], notRun.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ShippedCatalog_CoversTheControlsTheIssueNames_AndStatesGaps()
    {
        var ids = ComplianceCatalog.Default.Controls.Select(c => c.Id).ToHashSet();

        Assert.Empty(IssueControls.Except(ids));
        Assert.All(ComplianceCatalog.Default.Controls, c => Assert.False(string.IsNullOrWhiteSpace(c.Implementation)));
        Assert.Contains(ComplianceCatalog.Default.Controls, c => c.Gaps.Any(g => g.Blocking));
    }
}
