using System.Text.Json;

using Whisper.Evaluation.Reports;
using Whisper.Evaluation.Tests.Fixtures;

namespace Whisper.Evaluation.Tests.Reports;

public sealed class EvaluationReportTests
{
    [Fact]
    public async Task ToJson_RoundTrips_AndUsesDocumentedNames()
    {
        var dataset = Datasets.Build(Datasets.Catalog(30), Datasets.Random(users: 20, videos: 30, events: 1_000, days: 3, seed: 9));
        var options = new EvaluationOptions();
        var report = await Evaluator.EvaluateAsync(dataset, "hand-made", options, DefaultRecommenders.Baselines(options));

        var json = report.ToJson();
        var back = EvaluationReport.FromJson(json);

        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Equal(1, root.GetProperty("formatVersion").GetInt32());
        Assert.Equal("temporal", root.GetProperty("split").GetProperty("kind").GetString());
        var first = root.GetProperty("recommenders")[0];
        Assert.Equal("random", first.GetProperty("name").GetString());
        foreach (var name in new[] { "ndcg", "recall", "recallAt50", "mrr", "coverage", "creatorGini", "users" })
        {
            Assert.True(first.GetProperty("metrics").TryGetProperty(name, out _), name);
        }

        Assert.Equal(report.Recommenders.Select(r => r.Metrics), back.Recommenders.Select(r => r.Metrics));
        Assert.Equal(report.Split, back.Split);
    }

    [Fact]
    public void FromJson_UnknownVersion_Refused()
    {
        var e = Assert.Throws<NotSupportedException>(() => EvaluationReport.FromJson("""{"formatVersion": 2}"""));
        Assert.Contains("version 2", e.Message, StringComparison.Ordinal);
        Assert.Throws<JsonException>(() => EvaluationReport.FromJson("""{"k": 10}"""));
    }
}
