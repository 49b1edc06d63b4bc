using Whisper.Security.Audit;
using Whisper.Security.Audit.Rules;

namespace Whisper.Security.Tests.Audit;

public sealed class AuditRulesTests
{
    private static readonly string ShippedFile = Path.Combine(RepositoryRoot.Path, "rules", "audit-rules.json");

    [Fact]
    public void Default_IsTheShippedRulesFile()
    {
        var shipped = AuditRules.Load(ShippedFile);

        Assert.Equal(shipped.Rules.Select(r => r.Id), AuditRules.Default.Rules.Select(r => r.Id));
        Assert.Equal(["WSA0101", "WSA0102", "WSA0103", "WSA0201", "WSA0202", "WSA0203", "WSA0301", "WSA0401"], AuditRules.Default.Rules.Select(r => r.Id));
    }

    [Fact]
    public void Docs_DescribeEveryFieldAndRuleOfTheShippedFile()
    {
        var doc = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", "security", "audit-rules.md"));
        string[] fields =
        [
            "format", "version", "description", "exclude", "maxFileBytes", "endpoints", "bareHostTlds", "reverseDnsPrefixes",
            "ignoreSchemes", "ignoreHosts", "ignoreCidrs", "ignoreNames", "versionNames", "rules", "id", "name", "kind", "level",
            "enabled", "shortDescription", "fullDescription", "message", "help", "tags", "languages", "excludePaths", "redact",
            "patterns", "note", "keywords", "regex", "scope", "ignoreMatches", "members", "alwaysTrueDelegate", "secret", "names",
            "minLength", "minEntropy", "minCharClasses", "ignoreValues", "decode", "minBase64Length", "minHexLength",
        ];

        Assert.All(fields, f => Assert.Contains($"`{f}`", doc, StringComparison.Ordinal));
        Assert.All(AuditRules.Default.Rules, r => Assert.Contains(r.Id, doc, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_BrokenRules_ReportsEveryProblemAtOnce()
    {
        const string json = """
            {
              "format": "whisper-audit-rules", "version": 1, "colour": 1,
              "exclude": ["/abs/**"],
              "rules": [
                { "id": "bad id", "name": "Bad Name", "kind": "magic", "level": "fatal", "shortDescription": "s", "message": "{value} {oops}", "help": "h" },
                { "id": "WSA0001", "name": "p", "kind": "pattern", "level": "error", "shortDescription": "s", "message": "m", "help": "h",
                  "patterns": [ { "languages": ["cobol"], "regex": "(unclosed" }, { "languages": ["csharp"], "regex": "x" } ] },
                { "id": "WSA0001", "name": "dup", "kind": "secret-assignment", "level": "note", "shortDescription": "s", "message": "m", "help": "h" }
              ]
            }
            """;

        var problems = Assert.Throws<AuditInputException>(() => AuditRules.Parse(json, "r.json")).Problems;

        string[] expected = ["\"colour\"", "exclude[0]", "rules[0].id", "rules[0].name", "rules[0].kind", "rules[0].level", "{oops}", "cobol", "not a valid .NET regular expression", "rules[1].patterns[1].keywords", "rules[2].secret"];
        Assert.All(expected, e => Assert.Contains(problems, p => p.Contains(e, StringComparison.Ordinal)));
    }

    [Fact]
    public void Parse_NotARulesFile_SaysSoOnly()
    {
        var error = Assert.Throws<AuditInputException>(() => AuditRules.Parse("""{ "region": "us" }""", "us.json"));

        Assert.Single(error.Problems);
        Assert.Contains("whisper-audit-rules", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_OtherVersion_IsRefused()
    {
        var error = Assert.Throws<AuditInputException>(() => AuditRules.Parse("""{ "format": "whisper-audit-rules", "version": 2, "rules": [] }""", "r.json"));

        Assert.Contains("version 1", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("**/testdata/**", "testdata/a.json", true)]
    [InlineData("**/testdata/**", "src/testdata/deep/a.json", true)]
    [InlineData("**/testdata/**", "src/mytestdata/a.json", false)]
    [InlineData("*.min.js", "web/dist/app.min.js", true)]
    [InlineData("web/*.js", "web/a.js", true)]
    [InlineData("web/*.js", "web/x/a.js", false)]
    [InlineData("**/obj/**", "src/App/obj", true)]
    public void PathGlob_Matches_RelativePaths(string pattern, string path, bool matches)
    {
        Assert.True(PathGlob.TryCreate(pattern, out var glob));

        Assert.Equal(matches, glob.IsMatch(path));
    }
}
