namespace Whisper.Recommendation.RankingAudit;

/// <summary>
/// The statistics of one dimension (docs/manipulation-audit.md, "Statistics"). Under the null hypothesis — the approved
/// model and the declared rules explain what was served — each of an entity's slots (served or expected) is a served
/// one with the dimension's overall probability p = Σserved / Σ(served + expected). An entity is a finding when its
/// served count is in the binomial tail beyond α / tested (Bonferroni) and its ratio passes the effect-size bar.
/// </summary>
internal static class ExposureTest
{
    public static DimensionSummary Run(ExposureTally tally, ManipulationThresholds thresholds, List<ManipulationFinding> findings)
    {
        long allServed = 0, allExpected = 0;
        var tested = 0;
        foreach (var entity in tally.Entities.Values)
        {
            allServed += entity.Served;
            allExpected += entity.Expected;
            tested += entity.Served + entity.Expected >= thresholds.MinSupport ? 1 : 0;
        }

        var p = allServed + allExpected == 0 ? 0.5 : (double)allServed / (allServed + allExpected);
        var alpha = thresholds.FamilyAlpha / Math.Max(1, tested);
        foreach (var (id, entity) in tally.Entities)
        {
            var n = entity.Served + entity.Expected;
            if (n < thresholds.MinSupport)
            {
                continue;
            }

            var ratio = (entity.Served + 1.0) / (entity.Expected + 1.0);
            if (ratio >= thresholds.MinRatio)
            {
                Add(findings, "boost", tally.Dimension, id, entity, ratio, BinomialTail.Upper(entity.Served, n, p), alpha, entity.ServedNotExpected);
            }
            else if (ratio <= 1 / thresholds.MinRatio)
            {
                Add(findings, "suppression", tally.Dimension, id, entity, ratio, BinomialTail.Lower(entity.Served, n, p), alpha, entity.ExpectedNotServed);
            }
        }

        return new DimensionSummary(tally.Dimension, tally.Entities.Count, tested, p, alpha);
    }

    private static void Add(
        List<ManipulationFinding> findings, string kind, string dimension, long id, ExposureTally.Exposure entity, double ratio, double pValue, double alpha, List<string> examples)
    {
        if (pValue < alpha)
        {
            findings.Add(new ManipulationFinding(kind, dimension, id, entity.Served, entity.Expected, ratio, pValue, [.. examples], [.. entity.Videos]));
        }
    }
}
