using Whisper.Parity.Shadow;

namespace Whisper.Parity.Measures;

/// <summary>Everything measured over one shadow run: all requests, each cohort, and the creator-exposure shift.</summary>
public sealed record ParityMeasures(CohortMeasures Overall, IReadOnlyList<CohortMeasures> Cohorts, ExposureShift Exposure)
{
    /// <summary>A reach fall of more than half lists a creator as hurt…</summary>
    public const double DefaultHurtThreshold = 0.5;

    /// <summary>…when the source showed them to at least this many users.</summary>
    public const int DefaultMinSourceReach = 3;

    public static ParityMeasures Of(IReadOnlyList<ShadowRecord> records, double hurtThreshold = DefaultHurtThreshold, int minSourceReach = DefaultMinSourceReach)
    {
        ArgumentNullException.ThrowIfNull(records);
        var cohorts = records.GroupBy(r => r.Cohort, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Aggregate(g.Key, [.. g])).ToArray();
        return new ParityMeasures(Aggregate("all", records), cohorts, ExposureOf(records, hurtThreshold, minSourceReach));
    }

    private static CohortMeasures Aggregate(string cohort, IReadOnlyList<ShadowRecord> records)
    {
        int judged = 0, compared = 0;
        double sNdcg = 0, fNdcg = 0, sRecall = 0, fRecall = 0, jaccard = 0, rbo = 0;
        foreach (var r in records)
        {
            var m = r.Measures;
            if (r.Source.Ok && r.Fork.Ok)
            {
                compared++;
                jaccard += m.Jaccard10;
                rbo += m.Rbo10;
            }

            if (r.Positives.Length > 0)
            {
                // A side's error counts as an empty answer (it scores 0): failing is never better than answering.
                judged++;
                (sNdcg, fNdcg, sRecall, fRecall) = (sNdcg + m.SourceNdcg10, fNdcg + m.ForkNdcg10, sRecall + m.SourceRecall50, fRecall + m.ForkRecall50);
            }
        }

        static double Mean(double sum, int n) => n == 0 ? 0 : sum / n;
        return new CohortMeasures(
            cohort, records.Count, judged, Mean(sNdcg, judged), Mean(fNdcg, judged), Mean(sRecall, judged), Mean(fRecall, judged), Mean(jaccard, compared), Mean(rbo, compared),
            Latency(records, r => r.Source), Latency(records, r => r.Fork));
    }

    private static LatencySummary Latency(IReadOnlyList<ShadowRecord> records, Func<ShadowRecord, RegionAnswer> side)
    {
        var answered = new List<double>(records.Count);
        var errors = 0;
        foreach (var r in records)
        {
            var answer = side(r);
            if (answer.Ok)
            {
                answered.Add(answer.LatencyMs);
            }
            else
            {
                errors++;
            }
        }

        return LatencySummary.Of(answered, errors);
    }

    private static ExposureShift ExposureOf(IReadOnlyList<ShadowRecord> records, double hurtThreshold, int minSourceReach)
    {
        var reach = new Dictionary<long, (HashSet<long> Source, HashSet<long> Fork, int SourceImpressions, int ForkImpressions)>();
        foreach (var r in records)
        {
            if (!r.Source.Ok || !r.Fork.Ok)
            {
                continue; // only pages both sides served compare exposure
            }

            Count(r.Source.Items, r.Request.UserId, fork: false);
            Count(r.Fork.Items, r.Request.UserId, fork: true);
        }

        var creators = reach.Select(kv => new CreatorReach(kv.Key, kv.Value.Source.Count, kv.Value.Fork.Count, kv.Value.SourceImpressions, kv.Value.ForkImpressions)).ToArray();
        return ExposureShift.Of(creators, hurtThreshold, minSourceReach);

        void Count(IReadOnlyList<RankedVideo> items, long user, bool fork)
        {
            for (var i = 0; i < Math.Min(RequestMeasures.TopK, items.Count); i++)
            {
                var creator = items[i].CreatorId;
                if (!reach.TryGetValue(creator, out var cell))
                {
                    cell = ([], [], 0, 0);
                }

                if (fork)
                {
                    cell.Fork.Add(user);
                    cell.ForkImpressions++;
                }
                else
                {
                    cell.Source.Add(user);
                    cell.SourceImpressions++;
                }

                reach[creator] = cell;
            }
        }
    }
}
