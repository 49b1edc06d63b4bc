using System.Text;
using System.Text.Json.Nodes;

using Whisper.Security.Audit.Baseline;
using Whisper.Security.Audit.Reporting;

namespace Whisper.Security.Tests.Audit;

public sealed class SarifReportTests(CorpusFixture fixture) : IClassFixture<CorpusFixture>
{
    [Fact]
    public void SchemaFile_IsTheOasisSarif210Schema()
    {
        var schema = SarifSchema.SchemaJson;

        Assert.Equal("Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema", schema["title"]!.GetValue<string>());
        Assert.Equal("http://json-schema.org/draft-07/schema#", schema["$schema"]!.GetValue<string>());
        Assert.NotNull(schema["definitions"]!["suppression"]!["properties"]!["state"]); // 2.1.0 final, not a release candidate
    }

    [Fact]
    public void Write_CorpusReport_IsValidAgainstTheOasisSchema()
    {
        var json = Sarif(fixture.Report);

        Assert.Null(SarifSchema.Problems(json));
    }

    [Fact]
    public void Write_SuppressedFindingsAndNotifications_StayValid()
    {
        var findings = fixture.Report.Findings.Select((f, i) => i % 2 == 0 ? f with { Suppressed = true } : f).ToList();
        var report = fixture.Report with
        {
            Findings = findings,
            Notifications = [new Security.Audit.AuditNotification("big file.json", Security.Audit.AuditLevel.Note, "skipped: too large")],
        };

        var json = Sarif(report);

        Assert.Null(SarifSchema.Problems(json));
        Assert.Contains("big%20file.json", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Validator_BrokenLog_IsRejected()
    {
        var log = JsonNode.Parse(Sarif(fixture.Report))!;
        log["runs"]![0]!["results"]![0]!["level"] = "critical";
        log["version"] = "2.0.0";

        Assert.NotNull(SarifSchema.Problems(log.ToJsonString()));
    }

    [Fact]
    public void Write_EachResult_HasRuleLevelMessageFileAndPosition()
    {
        var log = JsonNode.Parse(Sarif(fixture.Report))!;
        var run = log["runs"]![0]!;
        var rules = run["tool"]!["driver"]!["rules"]!.AsArray();
        var results = run["results"]!.AsArray();

        Assert.Equal(fixture.Report.Findings.Count, results.Count);
        foreach (var result in results)
        {
            var ruleId = result!["ruleId"]!.GetValue<string>();
            Assert.Equal(ruleId, rules[result["ruleIndex"]!.GetValue<int>()]!["id"]!.GetValue<string>());
            Assert.Matches("^(error|warning|note)$", result["level"]!.GetValue<string>());
            Assert.False(string.IsNullOrWhiteSpace(result["message"]!["text"]!.GetValue<string>()));
            var location = result["locations"]![0]!["physicalLocation"]!;
            Assert.Equal("SRCROOT", location["artifactLocation"]!["uriBaseId"]!.GetValue<string>());
            var region = location["region"]!;
            if (location["artifactLocation"]!["uri"]!.GetValue<string>().EndsWith(".dll", StringComparison.Ordinal))
            {
                Assert.True(region["byteOffset"]!.GetValue<long>() >= 0);
                Assert.NotNull(result["locations"]![0]!["logicalLocations"]);
            }
            else
            {
                Assert.True(region["startLine"]!.GetValue<int>() > 0 && region["startColumn"]!.GetValue<int>() > 0);
            }

            Assert.Matches("^[0-9a-f]{32}$", result["partialFingerprints"]![AuditFingerprint.SarifKey]!.GetValue<string>());
        }
    }

    private static string Sarif(Security.Audit.AuditReport report)
    {
        using var stream = new MemoryStream();
        SarifReport.Write(report, stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
