using System.Security.Cryptography;

using Whisper.Security.Compliance.Catalog;
using Whisper.Security.Compliance.Evidence;
using Whisper.Security.Tests.Audit;

namespace Whisper.Security.Tests.Compliance;

public sealed class ComplianceCatalogTests
{
    [Fact]
    public void Parse_ValidCatalog_ReadsControlsEvidenceAndGaps()
    {
        var json = CatalogJson.With(CatalogJson.Control(
            "SC-7(5)",
            [
                """{ "kind": "file", "path": "allowlists/us.json", "description": "the allowlist" }""",
                """{ "kind": "doc", "path": "docs/a.md", "heading": "Threat model" }""",
                """{ "kind": "test", "name": "EgressGuardTests.Evaluate_InvalidHost_Denied" }""",
                """{ "kind": "config", "path": "allowlists/us.json", "pointer": "/cidrs", "notContains": "0.0.0.0/0" }""",
                """{ "kind": "probe", "probe": "detection-lab", "parameters": { "minRecall": 0.5 } }""",
            ],
            """[{ "text": "no HSM", "blocking": true }, { "text": "single node" }]"""));

        var catalog = ComplianceCatalog.Parse(json, "test.json");

        var control = Assert.Single(catalog.Controls);
        Assert.Equal(("SC-7(5)", "Title of SC-7(5)"), (control.Id, control.Title));
        Assert.Equal(["file", "doc", "test", "config", "probe"], control.Evidence.Select(e => e.Kind));
        Assert.Equal("the allowlist", control.Evidence[0].Description);
        Assert.Equal("docs/a.md#Threat model", control.Evidence[1].Target);
        var config = Assert.IsType<ConfigEvidence>(control.Evidence[3]);
        Assert.Equal(("/cidrs", "notContains"), (config.Selector, config.Expectation.Operator));
        Assert.Equal([new KnownGap("no HSM", true), new KnownGap("single node", false)], control.Gaps);
        Assert.Equal(Line(json, "\"kind\": \"doc\""), control.Evidence[1].Line);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(json))), catalog.Sha256);
    }

    [Fact]
    public void Parse_NotJson_NamesFileAndLine()
    {
        var json = "{\n  \"format\": \"whisper-compliance-catalog\",\n  \"version\": 1\n  \"name\": \"x\"\n}";

        var e = Assert.Throws<ComplianceCatalogException>(() => ComplianceCatalog.Parse(json, "broken.json"));

        Assert.StartsWith("broken.json:4: not valid JSON", Assert.Single(e.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SeveralProblems_ReportsEveryOneWithItsLine()
    {
        var json = CatalogJson.With(
            CatalogJson.Control("SC-99x", ["""{ "kind": "file", "path": "a.txt" }"""]),
            CatalogJson.Control("AC-3",
            [
                """{ "kind": "blob", "path": "a" }""",
                """{ "kind": "file", "path": "../etc/passwd" }""",
                """{ "kind": "doc", "path": "docs/a.md" }""",
                """{ "kind": "test", "name": "Not a method" }""",
                """{ "kind": "config", "path": "a.json", "pointer": "region", "equals": 1 }""",
                """{ "kind": "config", "path": "a.json", "pointer": "/a", "type": "text" }""",
                """{ "kind": "probe", "probe": "no-such-probe" }""",
                """{ "kind": "probe", "probe": "egress-denies", "parameters": { "allowlist": "allowlists/us.json", "deny": ["no-port"], "colour": 1 } }""",
                """{ "kind": "file", "path": "b.txt", "sha": "x" }""",
            ]),
            CatalogJson.Control("AC-3", ["""{ "kind": "file", "path": "a.txt" }"""]),
            CatalogJson.Control("AC-6", []));

        var e = Assert.Throws<ComplianceCatalogException>(() => ComplianceCatalog.Parse(json, "c.json"));

        string[] expected =
        [
            $"c.json:{Line(json, "SC-99x")}: controls[0].id: \"SC-99x\" is not a NIST SP 800-53 control id",
            $"c.json:{Line(json, "blob")}: controls[1].evidence[0].kind: \"blob\" is not a kind; use file, doc, test, config, probe",
            $"c.json:{Line(json, "../etc")}: controls[1].evidence[1].path: \"../etc/passwd\" must be a path relative to the root",
            $"c.json:{Line(json, "docs/a.md")}: controls[1].evidence[2]: \"heading\" is missing",
            $"c.json:{Line(json, "Not a method")}: controls[1].evidence[3].name: \"Not a method\" is not a test method name",
            $"c.json:{Line(json, "\"region\"")}: controls[1].evidence[4].pointer: is \"region\"; use an RFC 6901 pointer",
            $"c.json:{Line(json, "\"text\"")}: controls[1].evidence[5].type: is \"text\"; use one of object, array",
            $"c.json:{Line(json, "no-such-probe")}: controls[1].evidence[6].probe: \"no-such-probe\" is not a probe of this build; use one of audit-clean",
            $"c.json:{Line(json, "no-port")}: controls[1].evidence[7].parameters.colour: unknown parameter \"colour\"",
            $"c.json:{Line(json, "no-port")}: controls[1].evidence[7].parameters.deny: \"no-port\" is not host:port",
            $"c.json:{Line(json, "\"sha\"")}: controls[1].evidence[8].sha: unknown field",
            $"c.json:{Line(json, "\"id\": \"AC-3\"", occurrence: 2)}: controls[2].id: \"AC-3\" repeats controls[1]",
            $"c.json:{Line(json, "\"id\": \"AC-6\"") + 1}: controls[3].evidence: is empty and no gap is stated",
        ];
        Assert.Equal(expected.Length, e.Problems.Count);
        foreach (var (want, got) in expected.Zip(e.Problems))
        {
            Assert.StartsWith(want, got, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("""{ "format": "whisper-audit-rules", "version": 1 }""", "c.json:1: format: is \"whisper-audit-rules\"; a catalog says \"format\": \"whisper-compliance-catalog\"")]
    [InlineData("""{ "format": "whisper-compliance-catalog", "version": 2, "name": "x", "controls": [] }""", "c.json:1: version: is 2; this build reads version 1 only")]
    [InlineData("[1, 2]", "c.json:1: is an array; it must be a JSON object")]
    public void Parse_OtherFormatVersionOrShape_IsRefused(string json, string problem)
    {
        var e = Assert.Throws<ComplianceCatalogException>(() => ComplianceCatalog.Parse(json, "c.json"));

        Assert.Equal(problem, e.Problems[0]);
    }

    [Fact]
    public void Load_MissingFile_NamesThePath()
    {
        var e = Assert.Throws<ComplianceCatalogException>(() => ComplianceCatalog.Load("/nonexistent/catalog.json"));

        Assert.StartsWith("/nonexistent/catalog.json: the catalog cannot be read", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_IsTheShippedCatalogFile()
    {
        var shipped = File.ReadAllBytes(Path.Combine(RepositoryRoot.Path, "compliance", "fedramp-high.json"));

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(shipped)), ComplianceCatalog.Default.Sha256);
        Assert.Equal(ComplianceCatalog.DefaultSourceName, ComplianceCatalog.Default.Source);
    }

    /// <summary>The 1-based line of the <paramref name="occurrence"/>-th occurrence of <paramref name="marker"/>.</summary>
    private static int Line(string json, string marker, int occurrence = 1)
    {
        var at = -1;
        for (var i = 0; i < occurrence; i++)
        {
            at = json.IndexOf(marker, at + 1, StringComparison.Ordinal);
        }

        Assert.True(at >= 0, $"marker {marker} not in the test catalog");
        return json.AsSpan(0, at).Count('\n') + 1;
    }
}
