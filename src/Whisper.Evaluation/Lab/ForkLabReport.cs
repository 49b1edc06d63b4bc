using System.Text.Json;
using System.Text.Json.Nodes;

using Whisper.FeatureStore.Contract;

namespace Whisper.Evaluation.Lab;

/// <summary>One scenario's metrics and its relative loss against the source (percent; positive = the fork is worse).</summary>
public sealed record ForkLabScenario(string Name, string Causes, double Ndcg10, double Recall50, double NdcgLossPercent, double Recall50LossPercent);

/// <summary>The lab's result: the shared traffic, every scenario, and the contract diffs before and after alignment.</summary>
public sealed record ForkLabReport(
    IReadOnlyDictionary<string, string> Parameters,
    int TestUsers,
    int TestRelevantPairs,
    int InFlightUsers,
    int SessionsTransferred,
    DateTimeOffset Cutoff,
    IReadOnlyList<ForkLabScenario> Scenarios,
    IReadOnlyList<ContractDifference> ContractDiffBefore,
    IReadOnlyList<ContractDifference> ContractDiffAfter,
    double Seconds)
{
    public ForkLabScenario this[string name] => Scenarios.First(s => s.Name == name);

    public JsonObject ToJson()
    {
        var parameters = new JsonObject();
        foreach (var (key, value) in Parameters)
        {
            parameters[key] = value;
        }

        var scenarios = new JsonArray();
        foreach (var s in Scenarios)
        {
            scenarios.Add(new JsonObject
            {
                ["name"] = s.Name,
                ["causes"] = s.Causes,
                ["ndcgAt10"] = s.Ndcg10,
                ["recallAt50"] = s.Recall50,
                ["ndcgLossPercent"] = s.NdcgLossPercent,
                ["recallAt50LossPercent"] = s.Recall50LossPercent,
            });
        }

        return new JsonObject
        {
            ["formatVersion"] = 1,
            ["parameters"] = parameters,
            ["cutoff"] = Cutoff.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["testUsers"] = TestUsers,
            ["testRelevantPairs"] = TestRelevantPairs,
            ["inFlightUsers"] = InFlightUsers,
            ["sessionsTransferred"] = SessionsTransferred,
            ["scenarios"] = scenarios,
            ["contractDiffBefore"] = Diff(ContractDiffBefore),
            ["contractDiffAfter"] = Diff(ContractDiffAfter),
            ["contractBlockingBefore"] = FeatureContractDiff.HasBlocking(ContractDiffBefore),
            ["contractBlockingAfter"] = FeatureContractDiff.HasBlocking(ContractDiffAfter),
            ["seconds"] = Seconds,
        };
    }

    public string ToJsonString() => ToJson().ToJsonString(new JsonSerializerOptions { WriteIndented = true });

    private static JsonArray Diff(IReadOnlyList<ContractDifference> differences)
    {
        var array = new JsonArray();
        foreach (var d in differences)
        {
            array.Add(new JsonObject { ["severity"] = d.SeverityName, ["kind"] = d.KindName, ["subject"] = d.Subject, ["a"] = d.A, ["b"] = d.B });
        }

        return array;
    }
}
