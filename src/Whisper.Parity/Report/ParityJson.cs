using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

using Whisper.FeatureStore.Contract;
using Whisper.Parity.Explain;
using Whisper.Parity.Gate;
using Whisper.Parity.Measures;
using Whisper.Parity.Shadow;

namespace Whisper.Parity.Report;

/// <summary>The JSON documents of a parity run (docs/parity.md, "Verdict JSON", "Report JSON", "Request records").</summary>
public static class ParityJson
{
    public const int FormatVersion = 1;

    public static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static JsonObject Verdict(GateVerdict verdict)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        var checks = new JsonArray();
        foreach (var c in verdict.Checks)
        {
            checks.Add(new JsonObject { ["name"] = c.Name, ["value"] = c.Value, ["threshold"] = c.Threshold, ["passed"] = c.Passed, ["reason"] = c.Reason });
        }

        return new JsonObject
        {
            ["format"] = "whisper-parity-verdict",
            ["formatVersion"] = FormatVersion,
            ["outcome"] = verdict.OutcomeName,
            ["mode"] = GateThresholds.NameOf(verdict.Mode),
            ["generatedAt"] = Time(verdict.GeneratedAt),
            ["requests"] = verdict.Requests,
            ["judgedRequests"] = verdict.JudgedRequests,
            ["checks"] = checks,
            ["reasons"] = new JsonArray([.. verdict.Reasons.Select(r => (JsonNode)r)]),
            ["biggestCause"] = verdict.BiggestCause is { } b ? ParityCauses.Name(b) : null,
            ["recoveredAtPosition"] = verdict.RecoveredAtPosition,
        };
    }

    public static JsonObject Report(ParityReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var m = report.Measures;
        var t = report.Thresholds;
        return new JsonObject
        {
            ["format"] = "whisper-parity-report",
            ["formatVersion"] = FormatVersion,
            ["generatedAt"] = Time(report.GeneratedAt),
            ["source"] = report.SourceName,
            ["fork"] = report.ForkName,
            ["seconds"] = report.Seconds,
            ["thresholds"] = new JsonObject
            {
                ["mode"] = GateThresholds.NameOf(t.Mode),
                ["maxRelativeNdcgLoss"] = t.MaxRelativeNdcgLoss,
                ["minRbo10"] = t.MinRbo10,
                ["maxP99Increase"] = t.MaxP99Increase,
                ["maxForkErrorRate"] = t.MaxForkErrorRate,
                ["allowBlockingContractDifferences"] = t.AllowBlockingContractDifferences,
                ["minRequests"] = t.MinRequests,
                ["minJudgedRequests"] = t.MinJudgedRequests,
            },
            ["sourceState"] = State(report.SourceState),
            ["forkState"] = State(report.ForkState),
            ["overall"] = Cohort(m.Overall),
            ["cohorts"] = new JsonArray([.. m.Cohorts.Select(c => (JsonNode)Cohort(c))]),
            ["exposure"] = new JsonObject
            {
                ["creators"] = m.Exposure.Creators,
                ["sourceDecileShare"] = new JsonArray([.. m.Exposure.SourceDecileShare.Select(v => (JsonNode)v)]),
                ["forkDecileShare"] = new JsonArray([.. m.Exposure.ForkDecileShare.Select(v => (JsonNode)v)]),
                ["klDivergence"] = m.Exposure.KlDivergence,
                ["hurtThreshold"] = m.Exposure.HurtThreshold,
                ["minSourceReach"] = m.Exposure.MinSourceReach,
                ["hurt"] = new JsonArray([.. m.Exposure.Hurt.Select(c => (JsonNode)new JsonObject
                {
                    ["creatorId"] = c.CreatorId, ["sourceReach"] = c.SourceReach, ["forkReach"] = c.ForkReach,
                    ["sourceImpressions"] = c.SourceImpressions, ["forkImpressions"] = c.ForkImpressions, ["reachChange"] = c.ReachChange,
                })]),
            },
            ["latency"] = new JsonArray([.. report.Latency.Select(q => (JsonNode)new JsonObject { ["q"] = q.Q, ["sourceMs"] = q.SourceMs, ["forkMs"] = q.ForkMs })]),
            ["contractDiff"] = new JsonArray([.. report.ContractDiff.Select(d => (JsonNode)new JsonObject
            {
                ["severity"] = d.SeverityName, ["kind"] = d.KindName, ["subject"] = d.Subject, ["a"] = d.A, ["b"] = d.B,
            })]),
            ["contractBlocking"] = FeatureContractDiff.HasBlocking(report.ContractDiff),
            ["causes"] = new JsonArray([.. report.Causes.Select(c => (JsonNode)new JsonObject { ["cause"] = ParityCauses.Name(c.Cause), ["evidence"] = c.Evidence })]),
            ["explanation"] = new JsonObject
            {
                ["metric"] = report.Explanation.Metric,
                ["sourceValue"] = report.Explanation.SourceValue,
                ["forkValue"] = report.Explanation.ForkValue,
                ["attribution"] = new JsonArray([.. report.Explanation.Causes.Select(a => (JsonNode)new JsonObject
                {
                    ["cause"] = ParityCauses.Name(a.Cause), ["evidence"] = a.Evidence, ["ndcgAt10After"] = a.Ndcg10After, ["rboAt10After"] = a.Rbo10After, ["recovered"] = a.Recovered,
                    ["notAblatable"] = a.NotAblatable,
                })]),
                ["biggest"] = report.Explanation.Biggest is { } b ? ParityCauses.Name(b) : null,
            },
            ["recovery"] = new JsonArray([.. report.Recovery.Select(p => (JsonNode)new JsonObject
            {
                ["trainedEvents"] = p.TrainedEvents, ["sourceNdcgAt10"] = p.SourceNdcg10, ["forkNdcgAt10"] = p.ForkNdcg10, ["relativeLoss"] = p.RelativeLoss,
            })]),
            ["verdict"] = Verdict(report.Verdict),
        };
    }

    /// <summary>One request record as a single JSON line (requests.jsonl).</summary>
    public static string RecordLine(ShadowRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var m = record.Measures;
        return new JsonObject
        {
            ["seq"] = record.Request.Sequence,
            ["user"] = record.Request.UserId,
            ["at"] = Time(record.Request.At),
            ["cohort"] = record.Cohort,
            ["source"] = Answer(record.Source),
            ["fork"] = Answer(record.Fork),
            ["positives"] = new JsonArray([.. record.Positives.Select(p => (JsonNode)p)]),
            ["sourceNdcgAt10"] = m.SourceNdcg10,
            ["forkNdcgAt10"] = m.ForkNdcg10,
            ["sourceRecallAt50"] = m.SourceRecall50,
            ["forkRecallAt50"] = m.ForkRecall50,
            ["jaccardAt10"] = m.Jaccard10,
            ["rboAt10"] = m.Rbo10,
        }.ToJsonString();
    }

    private static JsonObject Answer(RegionAnswer answer) => new()
    {
        ["videos"] = new JsonArray([.. answer.Items.Select(i => (JsonNode)i.VideoId)]),
        ["creators"] = new JsonArray([.. answer.Items.Select(i => (JsonNode)i.CreatorId)]),
        ["latencyMs"] = answer.LatencyMs,
        ["error"] = answer.Error,
    };

    private static JsonObject Cohort(CohortMeasures c) => new()
    {
        ["cohort"] = c.Cohort,
        ["requests"] = c.Requests,
        ["judged"] = c.Judged,
        ["sourceNdcgAt10"] = c.SourceNdcg10,
        ["forkNdcgAt10"] = c.ForkNdcg10,
        ["relativeNdcgLoss"] = c.RelativeNdcgLoss,
        ["sourceRecallAt50"] = c.SourceRecall50,
        ["forkRecallAt50"] = c.ForkRecall50,
        ["relativeRecallLoss"] = c.RelativeRecallLoss,
        ["jaccardAt10"] = c.Jaccard10,
        ["rboAt10"] = c.Rbo10,
        ["sourceLatency"] = Latency(c.SourceLatency),
        ["forkLatency"] = Latency(c.ForkLatency),
    };

    private static JsonObject Latency(LatencySummary l) => new()
    {
        ["requests"] = l.Requests,
        ["errors"] = l.Errors,
        ["errorRate"] = l.ErrorRate,
        ["p50Ms"] = l.P50Ms,
        ["p99Ms"] = l.P99Ms,
        ["meanMs"] = l.MeanMs,
    };

    private static JsonObject? State(RegionState? s) => s is null ? null : new JsonObject
    {
        ["name"] = s.Name,
        ["contractRegion"] = s.Contract?.Region,
        ["contractFeatures"] = s.Contract?.Features.Count,
        ["modelVersion"] = s.ModelVersion,
        ["snapshotPosition"] = s.SnapshotPosition,
        ["snapshotThrough"] = s.SnapshotThrough is { } at ? Time(at) : null,
        ["embeddingRows"] = s.EmbeddingRows,
        ["sessions"] = s.Sessions,
        ["candidateBudget"] = s.CandidateBudget == int.MaxValue ? null : s.CandidateBudget,
    };

    private static string Time(DateTimeOffset at) => at.ToString("O", CultureInfo.InvariantCulture);
}
