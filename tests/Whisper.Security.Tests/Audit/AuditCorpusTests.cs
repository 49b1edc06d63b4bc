using Whisper.Security.Audit;

namespace Whisper.Security.Tests.Audit;

public sealed class AuditCorpusTests(CorpusFixture fixture) : IClassFixture<CorpusFixture>
{
    [Fact]
    public void Scan_SeededCorpus_FindsEveryPlantedFindingAndNothingElse()
    {
        var score = fixture.Corpus.Score(fixture.Report);

        Assert.True(score.Recall == 1.0 && score.FalsePositives == 0, score.Explain());
        Assert.Equal(0, score.FalsePositivesOnLookalikes);
    }

    [Fact]
    public void Corpus_PlantsEveryRuleInEveryLanguageItAppliesTo()
    {
        var planted = fixture.Corpus.Planted;
        foreach (var rule in fixture.Report.Rules.Rules)
        {
            for (var bit = AuditLanguage.CSharp; bit <= AuditLanguage.Assembly; bit = (AuditLanguage)((int)bit << 1))
            {
                if (rule.AppliesTo(bit))
                {
                    Assert.True(
                        planted.Any(p => p.RuleId == rule.Id && AuditLanguages.FromPath(p.Path) == bit),
                        $"{rule.Id} applies to {AuditLanguages.Name(bit)} but the corpus plants none there");
                }
            }
        }

        Assert.True(fixture.Corpus.Clean.Count >= 60, $"only {fixture.Corpus.Clean.Count} look-alikes");
    }

    [Fact]
    public void Scan_SeededCorpus_GivesSourceFindingsLineAndColumn()
    {
        foreach (var finding in fixture.Report.Findings)
        {
            if (finding.Path.EndsWith(".dll", StringComparison.Ordinal))
            {
                Assert.True(finding.ByteOffset > 0 || finding.LogicalLocation is not null, finding.ToString());
            }
            else
            {
                Assert.True(finding.Line > 0 && finding.Column > 0 && finding.EndLine >= finding.Line, finding.ToString());
            }

            Assert.Matches("^[0-9a-f]{32}$", finding.Fingerprint);
        }
    }
}
